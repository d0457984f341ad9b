using FunctionsFlow.Durable.Backend;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>The commit-then-send protocol both orchestrations and entities follow.</summary>
/// <remarks>Commit history, status and outbox under the instance's ETag; send the outbox; clear it; delete the
/// messages that led to the commit. A crash anywhere leaves those messages to come again, and a leftover
/// outbox is re-sent on the next load; receivers drop what they already have.</remarks>
internal sealed class InstanceCommitter(IDurableBackend backend, DurableWorkerOptions options, TimeProvider time, ILogger logger)
{
    /// <summary>Sends what a previous commit may not have sent (its worker died), except the messages being handled now.</summary>
    public Task ResendLeftoverAsync(InstanceRecord record, IReadOnlyList<ReceivedWorkItem> handling, CancellationToken cancellationToken)
    {
        var ids = handling.Select(i => i.Item.MessageId).ToHashSet(StringComparer.Ordinal);
        return SendAsync(record.Outbox.Where(m => !ids.Contains(m.Item.MessageId)), cancellationToken);
    }

    /// <summary>Commits; on success sends and clears the outbox and returns true. On an ETag conflict releases
    /// <paramref name="items"/> at once (another worker got there first) and returns false.</summary>
    public async Task<bool> CommitAsync(string instanceId, InstanceCommit commit, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken) =>
        await TryCommitAsync(instanceId, commit, items, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>As <see cref="CommitAsync"/>, returning the ETag of the commit (before the outbox was cleared) or
    /// null on a conflict.</summary>
    /// <remarks>With <paramref name="releaseOnConflict"/> false the items stay with the caller, which may compute the
    /// batch again from a fresh read while it still holds them.</remarks>
    public async Task<string?> TryCommitAsync(string instanceId, InstanceCommit commit, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken, bool releaseOnConflict = true)
    {
        var etag = await backend.Store.TryCommitAsync(instanceId, commit, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            DurableLog.CommitConflict(logger, instanceId);
            if (releaseOnConflict)
            {
                await ReleaseAsync(items, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }

        if (commit.Outbox.Count > 0)
        {
            await SendAsync(commit.Outbox, cancellationToken).ConfigureAwait(false);
            await backend.Store.TryClearOutboxAsync(instanceId, etag, cancellationToken).ConfigureAwait(false);
        }

        return etag;
    }

    /// <summary>Makes messages visible again at once (another worker, or this one, takes them next).</summary>
    public async Task ReleaseAsync(IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items)
        {
            await backend.ControlQueue.AbandonAsync(item, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends messages to their queues, each visible at its time (timer hops no longer than the option).
    /// Messages for one instance go one after the other, in the order the episode produced them (a signal to an
    /// entity then a call to it must reach it in that order); messages for different instances go at once.</summary>
    public async Task SendAsync(IEnumerable<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        async Task SendInOrderAsync(IEnumerable<OutboundMessage> forOneInstance)
        {
            foreach (var m in forOneInstance)
            {
                var queue = m.Item is ActivityWorkItem ? backend.ActivityQueue : backend.ControlQueue;
                var delay = m.VisibleAt is { } at ? Hop(at, now) : TimeSpan.Zero;
                await queue.SendAsync(m.Item, delay, cancellationToken).ConfigureAwait(false);
            }
        }

        await Task.WhenAll(messages.GroupBy(m => (m.Item is ActivityWorkItem, m.Item.InstanceId)).Select(SendInOrderAsync)).ConfigureAwait(false);
    }

    /// <summary>How long to hide a message due at <paramref name="due"/>: at most one timer hop.</summary>
    public TimeSpan Hop(DateTimeOffset due, DateTimeOffset now)
    {
        var delay = due - now;
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay < options.MaxTimerHop ? delay : options.MaxTimerHop;
    }
}
