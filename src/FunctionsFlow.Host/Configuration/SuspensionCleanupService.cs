namespace FunctionsFlow.Host.Configuration;

/// <summary>Self-hosted, runs <see cref="SuspensionMaintenance"/> every minute. (Under Azure Functions the
/// <c>suspension-maintenance</c> timer function runs it instead, and this service is not registered.)</summary>
internal sealed partial class SuspensionCleanupService(SuspensionMaintenance maintenance, ILogger<SuspensionCleanupService> logger, SuspensionCleanupService.Cadence? cadence = null) : BackgroundService
{
    private readonly TimeSpan _interval = cadence?.Interval ?? TimeSpan.FromMinutes(1);

    // The cadence is wall-clock time; the ages compared are the app's clock.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(_interval, maintenance.RunAsync, ex => Log.Failed(logger, ex), stoppingToken);

    /// <summary>How often the sweep runs (one minute unless registered otherwise).</summary>
    internal sealed record Cadence(TimeSpan Interval);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Suspension key maintenance failed; trying again in a minute")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
