namespace FunctionsFlow.Storage.Queues;

/// <summary>A received message, hidden from other receivers until <see cref="NextVisibleOn"/>.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="PopReceipt">The receipt that updates or deletes this delivery of the message.</param>
/// <param name="Text">The message text, decoded.</param>
/// <param name="DequeueCount">How many times the message has been received, this time included.</param>
/// <param name="InsertedOn">When the message was enqueued.</param>
/// <param name="ExpiresOn">When the message expires.</param>
/// <param name="NextVisibleOn">When the message becomes visible again unless deleted or updated.</param>
public sealed record QueueMessage(
    string MessageId,
    string PopReceipt,
    string Text,
    long DequeueCount,
    DateTimeOffset InsertedOn,
    DateTimeOffset ExpiresOn,
    DateTimeOffset NextVisibleOn);
