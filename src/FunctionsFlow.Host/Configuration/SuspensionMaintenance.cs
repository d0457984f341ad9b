using FunctionsFlow.Host.Endpoints;
using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The upkeep of suspension keys, run every minute: sends the input of resumes whose process died between
/// using the key and sending it, and at most once an hour removes keys that can no longer be used and are older than
/// a week, with their audit trails.</summary>
/// <remarks>Self-hosted, <see cref="SuspensionCleanupService"/> runs it; under Azure Functions the
/// <c>suspension-maintenance</c> timer function does. Runs in one process never overlap. (The heartbeat of a later
/// release takes this over, with a configurable retention.)</remarks>
internal sealed partial class SuspensionMaintenance(SuspensionStore store, ResumeDelivery delivery, TimeProvider time, ILogger<SuspensionMaintenance> logger) : IDisposable
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    /// <summary>How long a used key's input may stay unsent before the sweep sends it.</summary>
    private static readonly TimeSpan UndeliveredAge = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private DateTimeOffset? _lastPurge;

    /// <summary>Runs the upkeep once; the purge only when the last one is an hour old (on the app's clock).</summary>
    public async Task<SuspensionMaintenanceResult> RunAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var redelivered = 0;
            foreach (var record in await store.FindUndeliveredAsync(UndeliveredAge, cancellationToken).ConfigureAwait(false))
            {
                await delivery.DeliverAsync(record, record.Payload!, cancellationToken).ConfigureAwait(false);
                Log.Redelivered(logger, record.Wait.InstanceId, record.Wait.StepId);
                redelivered++;
            }

            int? purged = null;
            if (_lastPurge is not { } last || time.GetUtcNow() - last >= PurgeInterval)
            {
                _lastPurge = time.GetUtcNow();
                purged = await store.PurgeAsync(Retention, cancellationToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    Log.Purged(logger, purged.Value);
                }
            }

            return new SuspensionMaintenanceResult(redelivered, purged);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Removed {Count} spent suspension keys")]
        public static partial void Purged(ILogger logger, int count);

        [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Execution {InstanceId}: sent the input of a resume of wait {StepId} that a stopped process had not sent")]
        public static partial void Redelivered(ILogger logger, string instanceId, string stepId);
    }
}

/// <summary>What one run of <see cref="SuspensionMaintenance"/> did: resumes sent, and keys removed (null when the
/// purge was not due).</summary>
internal sealed record SuspensionMaintenanceResult(int Redelivered, int? Purged)
{
    public override string ToString() => Purged is { } purged
        ? $"Sent {Redelivered} unsent resumes; removed {purged} spent suspension keys."
        : $"Sent {Redelivered} unsent resumes; the purge of spent keys is not due.";
}
