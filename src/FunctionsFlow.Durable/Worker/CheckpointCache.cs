namespace FunctionsFlow.Durable.Worker;

/// <summary>Checkpoint states a worker wrote or read lately, by the execution that starts from them: an execution's
/// checkpoint never changes, so an entry is never stale. Bounded by total characters, least recently used first out,
/// so memory does not grow with the number of waiting instances.</summary>
internal sealed class CheckpointCache(long maxChars)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LinkedListNode<(string ExecutionId, string State)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string ExecutionId, string State)> _order = new();
    private long _chars;

    public bool TryGet(string executionId, out string state)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(executionId, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                state = node.Value.State;
                return true;
            }
        }

        state = string.Empty;
        return false;
    }

    public void Set(string executionId, string state)
    {
        if (state.Length > maxChars)
        {
            return;
        }

        lock (_lock)
        {
            if (_entries.Remove(executionId, out var existing))
            {
                _order.Remove(existing);
                _chars -= existing.Value.State.Length;
            }

            while (_chars + state.Length > maxChars && _order.Last is { } oldest)
            {
                _order.RemoveLast();
                _entries.Remove(oldest.Value.ExecutionId);
                _chars -= oldest.Value.State.Length;
            }

            _entries[executionId] = _order.AddFirst((executionId, state));
            _chars += state.Length;
        }
    }

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
}
