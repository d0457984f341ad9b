using System.Reflection;
using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Durable.Entities;

/// <summary>An entity, untyped: the runtime calls this with one operation at a time.</summary>
public interface ITaskEntity
{
    /// <summary>Runs an operation against the entity's state.</summary>
    Task<object?> RunAsync(TaskEntityOperation operation);
}

/// <summary>One operation for an entity, with its state.</summary>
public sealed class TaskEntityOperation(EntityInstanceId id, string name, string? input, string? state, DataConverter converter)
{
    /// <summary>The entity.</summary>
    public EntityInstanceId Id { get; } = id;

    /// <summary>The operation name.</summary>
    public string Name { get; } = name;

    /// <summary>Signals to other entities (or this one) that go out if the operation succeeds.</summary>
    public TaskEntityContext Context { get; } = new(id);

    /// <summary>True when the operation has an input.</summary>
    public bool HasInput => input is not null;

    /// <summary>The state as JSON; null when the entity has none.</summary>
    public string? SerializedState { get; private set; } = state;

    /// <summary>Reads the input.</summary>
    public object? GetInput(Type type) => converter.Deserialize(input, type);

    /// <summary>Reads the state, or null.</summary>
    public object? GetState(Type type) => converter.Deserialize(SerializedState, type);

    /// <summary>Replaces the state; null deletes it.</summary>
    public void SetState(object? state) => SerializedState = converter.Serialize(state);
}

/// <summary>Base class of entities whose operations are its public methods (by name, case-insensitive): each
/// takes no argument or one input, may return a value or a task, and reads and changes <see cref="State"/>.
/// The operation <c>delete</c> removes the state unless the class defines its own; an operation that leaves a
/// reference-type <see cref="State"/> null removes it too.</summary>
public abstract class TaskEntity<TState> : ITaskEntity
{
    /// <summary>The entity's state for the current operation.</summary>
    protected TState State { get; set; } = default!;

    /// <summary>The entity being operated on.</summary>
    protected EntityInstanceId Id { get; private set; }

    /// <summary>Signals other entities (or this one, e.g. a reminder at a later time) from an operation.</summary>
    protected TaskEntityContext Context { get; private set; } = null!;

    /// <summary>The state of an entity that has none yet.</summary>
    protected virtual TState InitializeState() => default!;

    /// <inheritdoc />
    public async Task<object?> RunAsync(TaskEntityOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        Id = operation.Id;
        Context = operation.Context;
        State = operation.SerializedState is null ? InitializeState() : (TState)operation.GetState(typeof(TState))!;
        var method = FindOperation(operation.Name);
        if (method is null)
        {
            if (string.Equals(operation.Name, "delete", StringComparison.OrdinalIgnoreCase))
            {
                operation.SetState(null);
                return null;
            }

            throw new InvalidOperationException($"Entity '{operation.Id.Name}' has no operation '{operation.Name}'.");
        }

        var parameters = method.GetParameters();
        object?[] args = parameters.Length == 0 ? [] : [operation.HasInput ? operation.GetInput(parameters[0].ParameterType) : null];
        object? result;
        try
        {
            result = method.Invoke(this, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            throw ex.InnerException;
        }

        if (result is Task task)
        {
            await task.ConfigureAwait(false);
            var returnsValue = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>);
            result = returnsValue ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }

        operation.SetState(State);
        return result;
    }

    private MethodInfo? FindOperation(string name) =>
        GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase) && m.GetParameters().Length <= 1 && !m.IsSpecialName);
}
