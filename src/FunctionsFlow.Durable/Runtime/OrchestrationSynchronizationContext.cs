using System.Collections.Concurrent;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>Runs orchestrator continuations one at a time, on the executor's thread, in the order they were posted.</summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public override void Post(SendOrPostCallback d, object? state) => _queue.Enqueue((d, state));

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs queued continuations until none is left.</summary>
    public void RunPending()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Callback(item.State);
        }
    }
}
