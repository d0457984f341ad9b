using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Client;

public sealed partial class DurableClient
{
    /// <summary>Sends an operation to an entity (one-way), optionally not before <paramref name="scheduledTime"/>.
    /// The entity is created by its first operation.</summary>
    public async Task SignalEntityAsync(EntityInstanceId entity, string operation, object? input = null, DateTimeOffset? scheduledTime = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        if (InstanceIds.Validate(entity.InstanceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(entity));
        }

        var now = time.GetUtcNow();
        var request = new EntityRequest(operation, _converter.Serialize(input), NewId(), ScheduledAt: scheduledTime);
        var id = NewId();
        var item = new OrchestrationWorkItem(id, entity.InstanceId, null, new EventRaisedEvent(now, EntityMessages.OperationEventName, _converter.Serialize(request), id));

        // Sent at once: the worker holds a scheduled operation back in hops no longer than its timer hop, as it does timers.
        await backend.ControlQueue.SendAsync(item, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an entity's state: null when the entity does not exist or has no state (e.g. after <c>delete</c>).</summary>
    public async Task<EntityMetadata<T>?> GetEntityAsync<T>(EntityInstanceId entity, CancellationToken cancellationToken = default)
    {
        var metadata = await backend.Store.GetMetadataAsync(entity.InstanceId, cancellationToken).ConfigureAwait(false);
        return metadata?.Output is { } state ? new EntityMetadata<T>(entity, _converter.Deserialize<T>(state)!, metadata.LastUpdatedAt) : null;
    }
}

/// <summary>An entity's state as a client reads it.</summary>
public sealed record EntityMetadata<T>(EntityInstanceId Id, T State, DateTimeOffset LastModifiedAt);
