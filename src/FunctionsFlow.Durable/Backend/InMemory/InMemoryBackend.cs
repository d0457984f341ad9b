namespace FunctionsFlow.Durable.Backend.InMemory;

/// <summary>A whole task hub in memory, on a clock of the caller's choosing: fast engine tests.</summary>
public sealed class InMemoryBackend(TimeProvider timeProvider) : IDurableBackend
{
    /// <summary>Creates a backend on the system clock.</summary>
    public InMemoryBackend()
        : this(TimeProvider.System)
    {
    }

    /// <inheritdoc />
    public IInstanceStore Store { get; } = new InMemoryInstanceStore();

    /// <inheritdoc />
    public IWorkItemQueue ControlQueue { get; } = new InMemoryWorkItemQueue(timeProvider);

    /// <inheritdoc />
    public IWorkItemQueue ActivityQueue { get; } = new InMemoryWorkItemQueue(timeProvider);

    /// <inheritdoc />
    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
