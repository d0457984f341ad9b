using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Host.Configuration;

/// <summary>At start and every five minutes, starts the orchestration of any active schedule that has none running
/// (one failed, was terminated or purged), so a schedule never stops for good. (The heartbeat of a later release takes
/// this over.)</summary>
internal sealed partial class ScheduleRearmService(ScheduleService schedules, ILogger<ScheduleRearmService> logger, ScheduleRearmService.Cadence? cadence = null) : BackgroundService
{
    private readonly TimeSpan _interval = cadence?.Interval ?? TimeSpan.FromMinutes(5);

    // The cadence is wall-clock time: the schedules' own due times are the app's clock, in their orchestrations.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(_interval, RearmAsync, ex => Log.Failed(logger, ex), stoppingToken);

    private async Task RearmAsync(CancellationToken cancellationToken)
    {
        if (await schedules.RearmAsync(cancellationToken).ConfigureAwait(false) is > 0 and var started)
        {
            Log.Rearmed(logger, started);
        }
    }

    /// <summary>How often the sweep runs (five minutes unless registered otherwise).</summary>
    internal sealed record Cadence(TimeSpan Interval);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5110, Level = LogLevel.Warning, Message = "Started the orchestrations of {Count} active schedules that had none running")]
        public static partial void Rearmed(ILogger logger, int count);

        [LoggerMessage(EventId = 5111, Level = LogLevel.Warning, Message = "Re-arming schedules failed; trying again in a few minutes")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
