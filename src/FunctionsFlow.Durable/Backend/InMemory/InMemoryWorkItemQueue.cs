namespace FunctionsFlow.Durable.Backend.InMemory;

/// <summary>A queue in memory with visibility timeouts on the given clock. Messages are copied through
/// JSON, as on a real queue.</summary>
public sealed class InMemoryWorkItemQueue(TimeProvider timeProvider) : IWorkItemQueue
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _messages = [];
    private readonly List<(WorkItem Item, string Reason)> _poison = [];
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    /// <summary>Messages moved aside as poison.</summary>
    public IReadOnlyList<(WorkItem Item, string Reason)> Poison
    {
        get
        {
            lock (_lock)
            {
                return [.. _poison];
            }
        }
    }

    /// <inheritdoc />
    public ValueTask SendAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            _messages.Add(new Entry(WorkItemSerializer.Serialize(item), (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), now)
            {
                VisibleAt = now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero),
            });
        }

        Signal();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int maxItems, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = timeProvider.GetUtcNow();
        var received = new List<ReceivedWorkItem>();
        lock (_lock)
        {
            foreach (var entry in _messages.Where(m => m.VisibleAt <= now).OrderBy(m => m.VisibleAt).Take(maxItems))
            {
                entry.DequeueCount++;
                entry.VisibleAt = now + visibilityTimeout;
                entry.Receipt = Guid.NewGuid().ToString("n");
                received.Add(new ReceivedWorkItem(WorkItemSerializer.Deserialize(entry.Json), entry.Id, entry.DequeueCount, entry.InsertedAt)
                {
                    Receipt = entry.Receipt,
                });
            }
        }

        return ValueTask.FromResult<IReadOnlyList<ReceivedWorkItem>>(received);
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(ReceivedWorkItem item, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _messages.RemoveAll(m => m.Id == item.QueueMessageId && m.Receipt == item.Receipt);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        Update(item, delay);
        Signal();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RenewAsync(ReceivedWorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        Update(item, visibilityTimeout);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DeadLetterAsync(ReceivedWorkItem item, string reason, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_messages.RemoveAll(m => m.Id == item.QueueMessageId && m.Receipt == item.Receipt) > 0)
            {
                _poison.Add((item.Item, reason));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> GetApproximateCountAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_messages.Count);
        }
    }

    /// <inheritdoc />
    public async Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        Task signal;
        lock (_lock)
        {
            signal = _signal.Task;
        }

        // Polling cadence is wall-clock on purpose: it is how often to look, not logical time.
        await Task.WhenAny(signal, Task.Delay(maxWait, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void Update(ReceivedWorkItem item, TimeSpan visibleIn)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var entry = _messages.Find(m => m.Id == item.QueueMessageId && m.Receipt == item.Receipt);
            if (entry is not null)
            {
                entry.VisibleAt = now + visibleIn;
                entry.Receipt = Guid.NewGuid().ToString("n");
                item.Receipt = entry.Receipt;
            }
        }
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_lock)
        {
            previous = _signal;
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    private sealed class Entry(string json, string id, DateTimeOffset insertedAt)
    {
        public string Json { get; } = json;

        public string Id { get; } = id;

        public DateTimeOffset InsertedAt { get; } = insertedAt;

        public DateTimeOffset VisibleAt { get; set; }

        public int DequeueCount { get; set; }

        public string? Receipt { get; set; }
    }
}
