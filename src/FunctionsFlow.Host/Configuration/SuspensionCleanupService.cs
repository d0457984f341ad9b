using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Once an hour removes suspension keys that can no longer be used and are older than a week, with their
/// audit trails. (The heartbeat of a later release takes this over, with a configurable retention.)</summary>
internal sealed partial class SuspensionCleanupService(SuspensionStore store, TimeProvider time, ILogger<SuspensionCleanupService> logger) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    private static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var removed = await store.PurgeAsync(Retention, stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    Log.Purged(logger, removed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.Failed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Removed {Count} spent suspension keys")]
        public static partial void Purged(ILogger logger, int count);

        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Removing spent suspension keys failed; trying again in an hour")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
