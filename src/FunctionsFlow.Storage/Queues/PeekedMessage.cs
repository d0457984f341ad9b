namespace FunctionsFlow.Storage.Queues;

/// <summary>A visible message seen without receiving it: no pop receipt, no change to its visibility or dequeue count.</summary>
/// <param name="MessageId">The message's id.</param>
/// <param name="Text">The message text, decoded.</param>
/// <param name="DequeueCount">How many times the message has been received.</param>
/// <param name="InsertedOn">When the message was enqueued.</param>
/// <param name="ExpiresOn">When the message expires.</param>
public sealed record PeekedMessage(string MessageId, string Text, long DequeueCount, DateTimeOffset InsertedOn, DateTimeOffset ExpiresOn);
