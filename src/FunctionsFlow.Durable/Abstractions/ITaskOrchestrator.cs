namespace FunctionsFlow.Durable;

/// <summary>An orchestrator, untyped: the runtime calls this.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The input type (for deserialization).</summary>
    Type InputType { get; }

    /// <summary>Runs the orchestration to its next await.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}

/// <summary>Base class of orchestrators: implement <see cref="RunAsync(TaskOrchestrationContext, TInput)"/>.</summary>
public abstract class TaskOrchestrator<TInput, TOutput> : ITaskOrchestrator
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>The orchestration's logic. Must be deterministic (see <see cref="TaskOrchestrationContext"/>).</summary>
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    async Task<object?> ITaskOrchestrator.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, input is null ? default! : (TInput)input).ConfigureAwait(true);
}
