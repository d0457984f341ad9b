using System.Collections.Concurrent;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Wakes the pollers of a queue in this process when this process sends to it, whichever backend object sent.</summary>
internal sealed class WorkSignal
{
    private static readonly ConcurrentDictionary<string, WorkSignal> Signals = new(StringComparer.Ordinal);

    private TaskCompletionSource _next = NewSource();

    /// <summary>The signal of one queue.</summary>
    public static WorkSignal For(Uri queue) => Signals.GetOrAdd(queue.AbsoluteUri, _ => new WorkSignal());

    /// <summary>Completes at the next <see cref="Set"/>.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    /// <summary>Wakes everyone waiting on <see cref="Next"/>.</summary>
    public void Set() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
