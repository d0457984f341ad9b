using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Applies the operations that reached one entity, one at a time in arrival order, and commits the new
/// state with the answers to its callers in one atomic step.</summary>
/// <remarks>The state is kept in the status row (<c>Output</c>); the ids of the last messages applied (in
/// <c>Input</c>) make a redelivered operation harmless. Answers go out through the outbox after the commit, so
/// a caller that has its answer reads the new state.</remarks>
internal sealed class EntityProcessor(
    IDurableBackend backend,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    InstanceCommitter committer,
    TimeProvider time,
    ILogger logger)
{
    private const int RememberedMessages = 512;

    public async Task ProcessAsync(string instanceId, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken)
    {
        var entityId = EntityInstanceId.FromInstanceId(instanceId);
        var record = await LoadOrCreateAsync(entityId, cancellationToken).ConfigureAwait(false);
        await committer.ResendLeftoverAsync(record, items, cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        var applied = converter.Deserialize<List<string>>(record.Metadata.Input) ?? [];
        var state = record.Metadata.Output;
        var outbox = new List<OutboundMessage>();
        foreach (var received in items.OrderBy(i => i.InsertedAt))
        {
            if (received.Item is not OrchestrationWorkItem { Event: EventRaisedEvent { Name: EntityMessages.OperationEventName } raised } ||
                applied.Contains(raised.MessageId) ||
                converter.Deserialize<EntityRequest>(raised.Input) is not { } request)
            {
                DurableLog.Dropped(logger, instanceId, received.Item is OrchestrationWorkItem o ? o.Event.EventType : "message", "not a new entity operation");
                continue;
            }

            if (request.ScheduledAt is { } due && due > now)
            {
                await backend.ControlQueue.SendAsync(received.Item, committer.Hop(due, now), cancellationToken).ConfigureAwait(false);
                continue;
            }

            applied.Add(raised.MessageId);
            var (newState, response) = await RunAsync(entityId, request, state).ConfigureAwait(false);
            state = newState;
            if (request.CallerInstanceId is { } caller)
            {
                var id = Guid.NewGuid().ToString("N");
                var answer = new EventRaisedEvent(now, EntityMessages.ResponseEventName(request.RequestId), converter.Serialize(response), id);
                outbox.Add(new OutboundMessage(new OrchestrationWorkItem(id, caller, request.CallerExecutionId, answer)));
            }
        }

        var metadata = record.Metadata with
        {
            Output = state,
            Input = converter.Serialize(applied.Count > RememberedMessages ? applied[^RememberedMessages..] : applied),
            LastUpdatedAt = now,
        };
        var commit = new InstanceCommit(record.ETag, metadata, [], NewExecution: false, outbox);
        if (!await committer.CommitAsync(instanceId, commit, items, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        foreach (var item in items)
        {
            await backend.ControlQueue.CompleteAsync(item, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(string? State, EntityResponse Response)> RunAsync(EntityInstanceId entityId, EntityRequest request, string? state)
    {
        try
        {
            var entity = registry.CreateEntity(entityId.Name, services)
                ?? throw new InvalidOperationException($"No entity named '{entityId.Name}' is registered with this worker.");
            var operation = new TaskEntityOperation(entityId, request.Operation, request.Input, state, converter);
            var result = await entity.RunAsync(operation).ConfigureAwait(false);
            return (operation.SerializedState, new EntityResponse(converter.Serialize(result), null));
        }
        catch (Exception ex)
        {
            // A failed operation changes nothing; a caller gets the failure.
            return (state, new EntityResponse(null, TaskFailureDetails.FromException(ex)));
        }
    }

    private async Task<InstanceRecord> LoadOrCreateAsync(EntityInstanceId entityId, CancellationToken cancellationToken)
    {
        var record = await backend.Store.LoadAsync(entityId.InstanceId, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            return record;
        }

        var now = time.GetUtcNow();
        var metadata = new InstanceMetadata
        {
            InstanceId = entityId.InstanceId,
            Name = entityId.Name,
            ExecutionId = "entity",
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        await backend.Store.TryCreateAsync(metadata, [], replaceETag: null, cancellationToken).ConfigureAwait(false);
        return await backend.Store.LoadAsync(entityId.InstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Entity '{entityId}' vanished while being created.");
    }
}
