using FunctionsFlow.Host.Endpoints;
using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Every minute re-sends resumes whose process died between using the key and sending the input; once an
/// hour removes suspension keys that can no longer be used and are older than a week, with their audit trails. (The
/// heartbeat of a later release takes this over, with a configurable retention.)</summary>
internal sealed partial class SuspensionCleanupService(SuspensionStore store, ResumeDelivery delivery, TimeProvider time, ILogger<SuspensionCleanupService> logger, SuspensionCleanupService.Cadence? cadence = null) : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>How long a used key's input may stay unsent before the sweep sends it.</summary>
    private static readonly TimeSpan UndeliveredAge = TimeSpan.FromMinutes(1);

    private readonly TimeSpan _interval = cadence?.Interval ?? TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cadence is wall-clock time; the ages compared are the app's clock.
        using var timer = new PeriodicTimer(_interval);
        DateTimeOffset? lastPurge = null;
        do
        {
            try
            {
                foreach (var record in await store.FindUndeliveredAsync(UndeliveredAge, stoppingToken).ConfigureAwait(false))
                {
                    await delivery.DeliverAsync(record, record.Payload!, stoppingToken).ConfigureAwait(false);
                    Log.Redelivered(logger, record.Wait.InstanceId, record.Wait.StepId);
                }

                if (lastPurge is not { } last || time.GetUtcNow() - last >= PurgeInterval)
                {
                    lastPurge = time.GetUtcNow();
                    var removed = await store.PurgeAsync(Retention, stoppingToken).ConfigureAwait(false);
                    if (removed > 0)
                    {
                        Log.Purged(logger, removed);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.Failed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>How often the sweep runs (one minute unless registered otherwise).</summary>
    internal sealed record Cadence(TimeSpan Interval);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Removed {Count} spent suspension keys")]
        public static partial void Purged(ILogger logger, int count);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Execution {InstanceId}: sent the input of a resume of wait {StepId} that a stopped process had not sent")]
        public static partial void Redelivered(ILogger logger, string instanceId, string stepId);

        [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "Suspension key maintenance failed; trying again in a minute")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
