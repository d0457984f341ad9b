using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Diagnostics;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Client;

public sealed partial class DurableClient
{
    private async Task<string> StartAsync(
        string orchestratorName, string? input, StartOrchestrationOptions? options, CancellationToken cancellationToken, string? checkpointId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        var instanceId = options?.InstanceId ?? NewId();
        if (InstanceIds.Validate(instanceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        // Two tries: a finished instance can be replaced; a concurrent start that wins makes the second try fail clearly.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var existing = await backend.Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (existing is not null && (!existing.Metadata.RuntimeStatus.IsTerminal() || options?.ReplaceFinished == false))
            {
                throw new OrchestrationAlreadyExistsException(instanceId, existing.Metadata.RuntimeStatus);
            }

            var now = time.GetUtcNow();
            var executionId = NewId();
            var started = new ExecutionStartedEvent(now, orchestratorName, instanceId, executionId, input, Parent: null, options?.Tags, Checkpoint: checkpointId);
            var start = new OrchestrationWorkItem(NewId(), instanceId, executionId, started);
            var metadata = InstanceMetadata.Pending(started, now);
            var etag = await backend.Store.TryCreateAsync(metadata, [new OutboundMessage(start)], existing?.ETag, cancellationToken).ConfigureAwait(false);
            if (etag is not null)
            {
                await backend.ControlQueue.SendAsync(start, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                DurableTelemetry.Started.Add(1, new KeyValuePair<string, object?>("orchestration", orchestratorName));
                return instanceId;
            }
        }

        var current = await backend.Store.GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false);
        throw new OrchestrationAlreadyExistsException(instanceId, current?.RuntimeStatus ?? OrchestrationRuntimeStatus.Pending);
    }

    private async Task RequireLiveAsync(string instanceId, string operation, CancellationToken cancellationToken)
    {
        var metadata = await backend.Store.GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        if (metadata.RuntimeStatus.IsTerminal())
        {
            throw new OrchestrationStateException(instanceId, metadata.RuntimeStatus, operation);
        }
    }

    /// <summary>The status of an instance that has finished, for an operation only a finished instance allows.</summary>
    /// <exception cref="OrchestrationNotFoundException">There is no such instance.</exception>
    /// <exception cref="OrchestrationStateException">It has not finished.</exception>
    private async Task<InstanceMetadata> FinishedAsync(string instanceId, string operation, CancellationToken cancellationToken)
    {
        var metadata = await backend.Store.GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new OrchestrationNotFoundException(instanceId);
        return metadata.RuntimeStatus.IsTerminal() ? metadata : throw new OrchestrationStateException(instanceId, metadata.RuntimeStatus, operation);
    }

    private ValueTask SendAsync(string instanceId, HistoryEvent e, string messageId, CancellationToken cancellationToken) =>
        backend.ControlQueue.SendAsync(new OrchestrationWorkItem(messageId, instanceId, ExecutionId: null, e), TimeSpan.Zero, cancellationToken);

    private static string NewId() => Guid.NewGuid().ToString("N");
}
