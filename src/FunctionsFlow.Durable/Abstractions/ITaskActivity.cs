namespace FunctionsFlow.Durable;

/// <summary>An activity, untyped: the runtime calls this.</summary>
public interface ITaskActivity
{
    /// <summary>The input type (for deserialization).</summary>
    Type InputType { get; }

    /// <summary>Runs the activity.</summary>
    Task<object?> RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken);
}

/// <summary>Base class of activities: where I/O and side effects happen.</summary>
public abstract class TaskActivity<TInput, TOutput> : ITaskActivity
{
    /// <inheritdoc />
    public Type InputType => typeof(TInput);

    /// <summary>The activity's work. Runs at least once: make side effects idempotent.</summary>
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input, CancellationToken cancellationToken);

    async Task<object?> ITaskActivity.RunAsync(TaskActivityContext context, object? input, CancellationToken cancellationToken) =>
        await RunAsync(context, input is null ? default! : (TInput)input, cancellationToken).ConfigureAwait(false);
}
