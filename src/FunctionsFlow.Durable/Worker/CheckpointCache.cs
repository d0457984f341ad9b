using System.Diagnostics.CodeAnalysis;
using FunctionsFlow.Durable.Runtime;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Checkpoint states a worker wrote or read lately, by the execution that starts from them, with the object
/// each was last read as: an execution's checkpoint never changes, so an entry is never stale. Bounded by size (least
/// recently used first out; an entry counts twice its text's characters, for the text and the object read from it)
/// and by idleness (an entry unused for <c>maxIdle</c> goes at the next write), so a flow that settles into a long
/// wait costs this worker no memory.</summary>
internal sealed class CheckpointCache(long maxChars, TimeSpan maxIdle, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _order = new();
    private long _chars;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public bool TryGet(string executionId, [NotNullWhen(true)] out CheckpointState? state)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(executionId, out var node))
            {
                _order.Remove(node);
                node.Value = node.Value with { LastUsed = time.GetUtcNow() };
                _order.AddFirst(node);
                state = node.Value.State;
                return true;
            }
        }

        state = null;
        return false;
    }

    public void Set(string executionId, CheckpointState state)
    {
        if (Weight(state) > maxChars)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(executionId, out var existing))
            {
                _order.Remove(existing);
                _chars -= Weight(existing.Value.State);
            }

            var now = time.GetUtcNow();
            while (_order.Last is { } oldest && (_chars + Weight(state) > maxChars || now - oldest.Value.LastUsed > maxIdle))
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value.ExecutionId);
                _chars -= Weight(oldest.Value.State);
            }

            _entries[executionId] = _order.AddFirst(new Entry(executionId, state, now));
            _chars += Weight(state);
        }
    }

    private static long Weight(CheckpointState state) => 2L * state.Text.Length;

    private sealed record Entry(string ExecutionId, CheckpointState State, DateTimeOffset LastUsed);
}
