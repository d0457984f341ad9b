using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Durable;

public abstract partial class TaskOrchestrationContext
{
    /// <summary>Calls an entity operation and waits for its result. The entity has applied (and stored) the
    /// operation by the time the result arrives.</summary>
    /// <exception cref="EntityOperationFailedException">The operation threw.</exception>
    public abstract Task<TResult> CallEntityAsync<TResult>(EntityInstanceId entity, string operation, object? input = null);

    /// <summary>Calls an entity operation that returns nothing.</summary>
    public virtual Task CallEntityAsync(EntityInstanceId entity, string operation, object? input = null) =>
        CallEntityAsync<object?>(entity, operation, input);

    /// <summary>Sends an operation to an entity without waiting (one-way), optionally not before <paramref name="scheduledTime"/>.</summary>
    public abstract void SignalEntity(EntityInstanceId entity, string operation, object? input = null, DateTimeOffset? scheduledTime = null);
}
