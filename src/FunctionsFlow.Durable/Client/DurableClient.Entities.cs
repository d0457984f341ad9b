using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Client;

public sealed partial class DurableClient
{
    /// <summary>Sends an operation to an entity (one-way), optionally not before <paramref name="scheduledTime"/>.
    /// The entity is created by its first operation.</summary>
    public async Task SignalEntityAsync(EntityInstanceId entity, string operation, object? input = null, DateTimeOffset? scheduledTime = null, CancellationToken cancellationToken = default) =>
        await SendOperationAsync(entity, operation, input, scheduledTime, clientCall: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Sends an operation to an entity and waits until the entity has applied and stored it: a read that
    /// starts after this returns sees its effect, from any process. Returns the operation's result.</summary>
    /// <remarks>The answer is kept in the entity's status row (the last few hundred of them), which this polls at a
    /// wall-clock cadence; cancel the token to stop waiting (the operation is still applied).</remarks>
    /// <exception cref="EntityOperationFailedException">The operation threw; the entity's state is unchanged.</exception>
    public async Task<TResult?> CallEntityAsync<TResult>(EntityInstanceId entity, string operation, object? input = null, CancellationToken cancellationToken = default)
    {
        var (requestId, id) = await SendOperationAsync(entity, operation, input, scheduledTime: null, clientCall: true, cancellationToken).ConfigureAwait(false);

        var delay = TimeSpan.FromMilliseconds(4);
        while (true)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 100));
            var metadata = await backend.Store.GetMetadataAsync(entity.InstanceId, cancellationToken).ConfigureAwait(false);
            var books = _converter.Deserialize<EntityBookkeeping>(metadata?.Input);
            if (books?.Answers.Find(a => a.RequestId == requestId) is { } answer)
            {
                return answer.Response.Failure is { } failure
                    ? throw new EntityOperationFailedException(entity, operation, failure)
                    : _converter.Deserialize<TResult>(answer.Response.Result);
            }

            if (books?.Applied.Contains(id) == true)
            {
                throw new InvalidOperationException($"Operation '{operation}' of entity '{entity}' was applied, but its answer was pushed out by later calls before it was read.");
            }
        }
    }

    /// <summary>Calls an entity operation that returns nothing; see <see cref="CallEntityAsync{TResult}"/>.</summary>
    public Task CallEntityAsync(EntityInstanceId entity, string operation, object? input = null, CancellationToken cancellationToken = default) =>
        CallEntityAsync<object>(entity, operation, input, cancellationToken);

    /// <summary>Sends one operation message to an entity; returns the request id and the message id.</summary>
    private async Task<(string RequestId, string MessageId)> SendOperationAsync(
        EntityInstanceId entity, string operation, object? input, DateTimeOffset? scheduledTime, bool clientCall, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        if (InstanceIds.Validate(entity.InstanceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(entity));
        }

        var request = new EntityRequest(operation, _converter.Serialize(input), NewId(), ScheduledAt: scheduledTime, ClientCall: clientCall);
        var id = NewId();
        var item = new OrchestrationWorkItem(id, entity.InstanceId, null, new EventRaisedEvent(time.GetUtcNow(), EntityMessages.OperationEventName, _converter.Serialize(request), id));

        // Sent at once: the worker holds a scheduled operation back in hops no longer than its timer hop, as it does timers.
        await backend.ControlQueue.SendAsync(item, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return (request.RequestId, id);
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
