namespace FunctionsFlow.Durable.Backend;

/// <summary>The port to one of the task hub's queues. Delivery is at least once, in any order.</summary>
public interface IWorkItemQueue
{
    /// <summary>Sends a message, visible after <paramref name="delay"/>.</summary>
    ValueTask SendAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Takes up to <paramref name="maxItems"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    ValueTask<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int maxItems, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Deletes a handled message. A message that was meanwhile taken by someone else is left alone.</summary>
    ValueTask CompleteAsync(ReceivedWorkItem item, CancellationToken cancellationToken = default);

    /// <summary>Makes a message visible again after <paramref name="delay"/>.</summary>
    ValueTask AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken cancellationToken = default);

    /// <summary>Keeps a message hidden for another <paramref name="visibilityTimeout"/> (long activities).</summary>
    ValueTask RenewAsync(ReceivedWorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Moves a message that keeps failing to the poison queue.</summary>
    ValueTask DeadLetterAsync(ReceivedWorkItem item, string reason, CancellationToken cancellationToken = default);

    /// <summary>About how many messages wait.</summary>
    ValueTask<int> GetApproximateCountAsync(CancellationToken cancellationToken = default);

    /// <summary>Returns when a message may be waiting: at once when this process sent one, else after <paramref name="maxWait"/>.</summary>
    Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default);
}

/// <summary>A received message and what is needed to delete, hide or release it.</summary>
public sealed class ReceivedWorkItem(WorkItem item, string queueMessageId, int dequeueCount, DateTimeOffset insertedAt)
{
    /// <summary>The message.</summary>
    public WorkItem Item { get; } = item;

    /// <summary>The queue's own id of the message.</summary>
    public string QueueMessageId { get; } = queueMessageId;

    /// <summary>How many times it has been received, this time included.</summary>
    public int DequeueCount { get; } = dequeueCount;

    /// <summary>When it was first sent.</summary>
    public DateTimeOffset InsertedAt { get; } = insertedAt;

    /// <summary>Until when (a <see cref="System.Diagnostics.Stopwatch"/> timestamp of this process) work done for the
    /// message may be committed: its invisibility minus a safety margin (a quarter of it, at most 15 s). Set by queues
    /// whose invisibility runs on the wall clock.</summary>
    public long CommitDeadlineTimestamp { get; init; } = long.MaxValue;

    /// <summary>True when the message may be visible to another receiver before a commit lands: work done for it
    /// should then be dropped (it comes again) rather than committed.</summary>
    public bool IsLeaseEnding => System.Diagnostics.Stopwatch.GetTimestamp() >= CommitDeadlineTimestamp;

    /// <summary>The commit deadline of a message received at <paramref name="receivedAtTimestamp"/> for <paramref name="visibility"/>.</summary>
    public static long CommitDeadline(long receivedAtTimestamp, TimeSpan visibility)
    {
        var margin = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(15).Ticks, visibility.Ticks / 4));
        return receivedAtTimestamp + (long)((visibility - margin).TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
    }

    /// <summary>The backend's handle (pop receipt) for this delivery; backends update it when they renew.</summary>
    public string? Receipt { get; set; }
}

/// <summary>A task hub: the store and queues of one app on one account.</summary>
public interface IDurableBackend
{
    /// <summary>Instances and history.</summary>
    IInstanceStore Store { get; }

    /// <summary>Events for orchestrations.</summary>
    IWorkItemQueue ControlQueue { get; }

    /// <summary>Activity requests.</summary>
    IWorkItemQueue ActivityQueue { get; }

    /// <summary>Creates the tables, queues and containers if they do not exist.</summary>
    ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default);
}
