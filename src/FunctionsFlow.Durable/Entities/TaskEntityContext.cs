namespace FunctionsFlow.Durable.Entities;

/// <summary>What an entity operation can do besides changing its own state: signal entities (itself included),
/// now or at a later time. The signals are sent only if the operation succeeds, together with its new state.</summary>
public sealed class TaskEntityContext
{
    private readonly List<EntitySignal> _signals = [];

    internal TaskEntityContext(EntityInstanceId id) => Id = id;

    /// <summary>The entity running the operation.</summary>
    public EntityInstanceId Id { get; }

    internal IReadOnlyList<EntitySignal> Signals => _signals;

    /// <summary>Sends an operation to an entity without waiting, optionally not before <paramref name="scheduledTime"/>.</summary>
    public void SignalEntity(EntityInstanceId entity, string operation, object? input = null, DateTimeOffset? scheduledTime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        _signals.Add(new EntitySignal(entity, operation, input, scheduledTime));
    }
}

/// <summary>A signal an entity operation sends.</summary>
internal sealed record EntitySignal(EntityInstanceId Target, string Operation, object? Input, DateTimeOffset? ScheduledAt);
