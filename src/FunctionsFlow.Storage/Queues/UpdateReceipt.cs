namespace FunctionsFlow.Storage.Queues;

/// <summary>What the service answers to a message update.</summary>
/// <param name="PopReceipt">The message's new pop receipt; the old one no longer works.</param>
/// <param name="NextVisibleOn">When the message becomes visible again.</param>
public sealed record UpdateReceipt(string PopReceipt, DateTimeOffset NextVisibleOn);
