using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Durable;

/// <summary>The orchestrators and activities a worker can run, by name.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, Entities.ITaskEntity>> _entities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registers an orchestrator class under its type name (or <paramref name="name"/>).</summary>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null)
        where T : class, ITaskOrchestrator
    {
        Add(_orchestrators, name ?? typeof(T).Name, sp => ActivatorUtilities.CreateInstance<T>(sp));
        return this;
    }

    /// <summary>Registers an orchestrator from a delegate.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> run)
    {
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(run);
        Add(_orchestrators, name, _ => orchestrator);
        return this;
    }

    /// <summary>Registers an activity class under its type name (or <paramref name="name"/>).</summary>
    public DurableTaskRegistry AddActivity<T>(string? name = null)
        where T : class, ITaskActivity
    {
        Add(_activities, name ?? typeof(T).Name, sp => ActivatorUtilities.CreateInstance<T>(sp));
        return this;
    }

    /// <summary>Registers an activity from a delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(string name, Func<TaskActivityContext, TInput, Task<TOutput>> run)
    {
        var activity = new FuncActivity<TInput, TOutput>(run);
        Add(_activities, name, _ => activity);
        return this;
    }

    /// <summary>Registers an entity class under its type name (or <paramref name="name"/>); entity names are case-insensitive.</summary>
    public DurableTaskRegistry AddEntity<T>(string? name = null)
        where T : class, Entities.ITaskEntity
    {
        Add(_entities, (name ?? typeof(T).Name).ToLowerInvariant(), sp => ActivatorUtilities.CreateInstance<T>(sp));
        return this;
    }

    /// <summary>True when an orchestrator of that name is registered.</summary>
    public bool HasOrchestrator(string name) => _orchestrators.ContainsKey(name);

    /// <summary>The registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    internal ITaskOrchestrator? CreateOrchestrator(string name, IServiceProvider services) =>
        _orchestrators.TryGetValue(name, out var factory) ? factory(services) : null;

    internal Entities.ITaskEntity? CreateEntity(string name, IServiceProvider services) =>
        _entities.TryGetValue(name, out var factory) ? factory(services) : null;

    internal ITaskActivity? CreateActivity(string name, IServiceProvider services) =>
        _activities.TryGetValue(name, out var factory) ? factory(services) : null;

    private static void Add<T>(Dictionary<string, Func<IServiceProvider, T>> map, string name, Func<IServiceProvider, T> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!map.TryAdd(name, factory))
        {
            throw new ArgumentException($"'{name}' is already registered.", nameof(name));
        }
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> run) : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> run) : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken) => run(context, input);
    }
}
