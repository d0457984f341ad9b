namespace FunctionsFlow.Storage.Queues;

/// <summary>What the service answers to a sent message.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="PopReceipt">The receipt that updates or deletes the message before anyone receives it.</param>
/// <param name="InsertedOn">When the message was enqueued.</param>
/// <param name="ExpiresOn">When the message expires (<see cref="DateTimeOffset.MaxValue"/>'s date for a message that never does).</param>
/// <param name="NextVisibleOn">When the message becomes visible to receivers.</param>
public sealed record SendReceipt(
    string MessageId, string PopReceipt, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn, DateTimeOffset NextVisibleOn);
