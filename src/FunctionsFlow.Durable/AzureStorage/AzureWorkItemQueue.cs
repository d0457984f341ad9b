using System.Text.Json;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Queues;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>A task hub queue on Azure Queue storage. Messages never expire; large ones travel in blobs.</summary>
/// <remarks>Visibility delays are rounded up to whole seconds and capped at Azure's 7 days. A message this queue cannot
/// read (not a work item, or its blob purged) is moved to the poison queue when it is received, so it blocks nothing.</remarks>
internal sealed class AzureWorkItemQueue(QueueClient queue, QueueClient poison, WorkItemMessages messages, TimeProvider timeProvider) : IWorkItemQueue
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    private readonly WorkSignal _signal = WorkSignal.For(queue.Uri);

    /// <inheritdoc />
    public async ValueTask SendAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var text = await messages.EncodeAsync(item, cancellationToken).ConfigureAwait(false);
        await queue.SendMessageAsync(text, WholeSeconds(delay, TimeSpan.Zero), Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        if (delay <= TimeSpan.Zero)
        {
            _signal.Set();
        }
    }

    /// <inheritdoc />
    /// <remarks>Azure hands out at most 32 messages per request, so more than 32 asked for is 32.</remarks>
    public async ValueTask<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int maxItems, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        // Measured from before the request, so the local deadline is never later than the service's.
        var leaseEnd = ReceivedWorkItem.CommitDeadline(System.Diagnostics.Stopwatch.GetTimestamp(), WholeSeconds(visibilityTimeout, TimeSpan.FromSeconds(1)));
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        var received = await queue.ReceiveMessagesAsync(
            Math.Min(maxItems, QueueClient.MaxMessagesPerRequest), WholeSeconds(visibilityTimeout, TimeSpan.FromSeconds(1)), cancellationToken).ConfigureAwait(false);
        var items = new List<ReceivedWorkItem>(received.Count);
        foreach (var message in received)
        {
            WorkItem item;
            try
            {
                item = await messages.DecodeAsync(message.Text, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JsonException || ex is StorageException { IsNotFound: true })
            {
                await MoveToPoisonAsync(message.MessageId, message.PopReceipt, message.Text, cancellationToken).ConfigureAwait(false);
                continue;
            }

            items.Add(new ReceivedWorkItem(item, message.MessageId, (int)message.DequeueCount, message.InsertedOn) { Receipt = message.PopReceipt, CommitDeadlineTimestamp = leaseEnd });
        }

        return items;
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(ReceivedWorkItem item, CancellationToken cancellationToken = default)
    {
        try
        {
            await queue.DeleteMessageAsync(item.QueueMessageId, ReceiptOf(item), cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsNoLongerOurs(ex))
        {
            // Someone else received it since, or it is gone: not ours to delete.
        }
    }

    /// <inheritdoc />
    public async ValueTask AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        await HideAsync(item, delay, cancellationToken).ConfigureAwait(false);
        if (delay <= TimeSpan.Zero)
        {
            _signal.Set();
        }
    }

    /// <inheritdoc />
    public ValueTask RenewAsync(ReceivedWorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
        new(HideAsync(item, visibilityTimeout, cancellationToken));

    /// <inheritdoc />
    /// <remarks>The poison queue gets the message's text unchanged, so an operator can move it back as it is; the reason
    /// is the caller's to log.</remarks>
    public async ValueTask DeadLetterAsync(ReceivedWorkItem item, string reason, CancellationToken cancellationToken = default)
    {
        var text = await messages.EncodeAsync(item.Item, cancellationToken).ConfigureAwait(false);
        await MoveToPoisonAsync(item.QueueMessageId, ReceiptOf(item), text, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Azure's count includes messages that are hidden.</remarks>
    public async ValueTask<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
        await queue.GetApproximateMessageCountAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default)
    {
        var sent = _signal.Next;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(sent, Task.Delay(maxWait, timeProvider, stop.Token)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task HideAsync(ReceivedWorkItem item, TimeSpan visibleIn, CancellationToken cancellationToken)
    {
        try
        {
            var receipt = await queue.UpdateMessageAsync(
                item.QueueMessageId, ReceiptOf(item), WholeSeconds(visibleIn, TimeSpan.Zero), cancellationToken: cancellationToken).ConfigureAwait(false);
            item.Receipt = receipt.PopReceipt;
        }
        catch (StorageException ex) when (IsNoLongerOurs(ex))
        {
            // Someone else received it since, or it is gone.
        }
    }

    /// <summary>Copies a message's text to the poison queue, then deletes the message; if it turns out no longer to be
    /// ours, the copy is taken back.</summary>
    private async Task MoveToPoisonAsync(string messageId, string popReceipt, string text, CancellationToken cancellationToken)
    {
        var copy = await poison.SendMessageAsync(text, timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsNoLongerOurs(ex))
        {
            await poison.DeleteMessageAsync(copy.MessageId, copy.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string ReceiptOf(ReceivedWorkItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Receipt ?? throw new ArgumentException("The work item has no pop receipt: it was not received from a queue.", nameof(item));
    }

    /// <summary>404, or 400 <c>PopReceiptMismatch</c>: the message was received by someone else since, or deleted.</summary>
    private static bool IsNoLongerOurs(StorageException ex) => ex.IsNotFound || (ex.Status == 400 && ex.ErrorCode == "PopReceiptMismatch");

    /// <summary>A delay as the queue takes it: whole seconds, rounded up, from <paramref name="min"/> to 7 days.</summary>
    private static TimeSpan WholeSeconds(TimeSpan value, TimeSpan min)
    {
        var seconds = TimeSpan.FromSeconds(Math.Ceiling(value.Ticks / (double)TimeSpan.TicksPerSecond));
        return seconds < min ? min : seconds > MaxVisibility ? MaxVisibility : seconds;
    }
}
