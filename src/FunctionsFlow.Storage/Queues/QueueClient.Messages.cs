using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Queues;

/// <summary>Sending, receiving, peeking, updating and deleting messages.</summary>
public sealed partial class QueueClient
{
    /// <summary>The largest message the service takes, counted in base64 characters.</summary>
    public const int MaxEncodedMessageLength = 64 * 1024;

    /// <summary>The most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerRequest = 32;

    private static readonly TimeSpan MaxVisibility = TimeSpan.FromDays(7);

    /// <summary>Sends a message.</summary>
    /// <param name="text">The message text; at most 48 KiB of UTF-8, which base64 makes 64 KiB. Put larger payloads in a blob.</param>
    /// <param name="visibilityDelay">How long the message stays hidden before receivers see it (0 to 7 days); none by default.</param>
    /// <param name="timeToLive">How long the message lives; <see cref="Timeout.InfiniteTimeSpan"/> for ever. The service's default is 7 days.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ArgumentException">The encoded text is longer than <see cref="MaxEncodedMessageLength"/>.</exception>
    public Task<SendReceipt> SendMessageAsync(
        string text, TimeSpan? visibilityDelay = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
    {
        var body = MessageBody(text);
        var delay = visibilityDelay is { } d ? StorageWire.WholeSeconds(d, TimeSpan.Zero, MaxVisibility, nameof(visibilityDelay)) : null;
        var ttl = timeToLive switch
        {
            null => null,
            { } t when t == Timeout.InfiniteTimeSpan => "-1",
            { } t => StorageWire.WholeSeconds(t, TimeSpan.FromSeconds(1), TimeSpan.MaxValue, nameof(timeToLive)),
        };

        var message = CreateMessagesMessage(RequestMethod.Post);
        AppendOptionalQuery(message.Request.Uri, "visibilitytimeout", delay);
        AppendOptionalQuery(message.Request.Uri, "messagettl", ttl);
        message.Request.SetXmlContent(body);
        return _pipeline.SendAndReadAsync(
            message,
            r =>
            {
                var sent = SingleMessage(r);
                return new SendReceipt(
                    sent.RequiredChild("MessageId"),
                    sent.RequiredChild("PopReceipt"),
                    Date(sent, "InsertionTime"),
                    Date(sent, "ExpirationTime"),
                    Date(sent, "TimeNextVisible"));
            },
            cancellationToken,
            201);
    }

    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for the visibility timeout.</summary>
    /// <param name="maxMessages">1 to 32.</param>
    /// <param name="visibilityTimeout">How long the messages stay hidden (1 second to 7 days); the service's default is 30 seconds.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The messages received; empty when none is visible.</returns>
    public Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(
        int maxMessages = 1, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var count = MessageCount(maxMessages);
        var timeout = visibilityTimeout is { } v ? StorageWire.WholeSeconds(v, TimeSpan.FromSeconds(1), MaxVisibility, nameof(visibilityTimeout)) : null;
        var message = CreateMessagesMessage(RequestMethod.Get);
        message.Request.Uri.AppendQuery("numofmessages", count);
        AppendOptionalQuery(message.Request.Uri, "visibilitytimeout", timeout);
        return _pipeline.SendAndReadAsync<IReadOnlyList<QueueMessage>>(
            message,
            r => [.. Messages(r).Select(m => new QueueMessage(
                m.RequiredChild("MessageId"),
                m.RequiredChild("PopReceipt"),
                Decode(m),
                DequeueCount(m),
                Date(m, "InsertionTime"),
                Date(m, "ExpirationTime"),
                Date(m, "TimeNextVisible")))],
            cancellationToken,
            200);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them.</summary>
    /// <param name="maxMessages">1 to 32.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var count = MessageCount(maxMessages);
        var message = CreateMessagesMessage(RequestMethod.Get);
        message.Request.Uri.AppendQuery("peekonly", "true");
        message.Request.Uri.AppendQuery("numofmessages", count);
        return _pipeline.SendAndReadAsync<IReadOnlyList<PeekedMessage>>(
            message,
            r => [.. Messages(r).Select(m => new PeekedMessage(
                m.RequiredChild("MessageId"),
                Decode(m),
                DequeueCount(m),
                Date(m, "InsertionTime"),
                Date(m, "ExpirationTime")))],
            cancellationToken,
            200);
    }

    /// <summary>Changes a received message's visibility timeout and, optionally, its text.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="popReceipt">The message's latest pop receipt; the answer carries the next one.</param>
    /// <param name="visibilityTimeout">How long from now the message stays hidden (0 to 7 days); zero makes it visible at once.</param>
    /// <param name="text">The new text, or null to keep the text.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<UpdateReceipt> UpdateMessageAsync(
        string messageId, string popReceipt, TimeSpan visibilityTimeout, string? text = null, CancellationToken cancellationToken = default)
    {
        var body = text is null ? null : MessageBody(text);
        var timeout = StorageWire.WholeSeconds(visibilityTimeout, TimeSpan.Zero, MaxVisibility);
        var message = CreateReceiptMessage(RequestMethod.Put, messageId, popReceipt);
        message.Request.Uri.AppendQuery("visibilitytimeout", timeout);
        if (body is not null)
        {
            message.Request.SetXmlContent(body);
        }

        return _pipeline.SendAndReadAsync(
            message,
            r => new UpdateReceipt(r.RequiredHeader("x-ms-popreceipt"), StorageWire.ParseDate(r.RequiredHeader("x-ms-time-next-visible"))),
            cancellationToken,
            204);
    }

    /// <summary>Deletes a received message.</summary>
    /// <param name="messageId">The message's id.</param>
    /// <param name="popReceipt">The message's latest pop receipt.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="StorageException">The message is no longer the caller's: 400 <c>PopReceiptMismatch</c> when it
    /// was received or updated since (Azurite, and Azure's error table; Azure's Delete Message page also names 404), or
    /// 404 <c>MessageNotFound</c> when it is gone.</exception>
    public Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default) =>
        _pipeline.SendForStatusAsync(CreateReceiptMessage(RequestMethod.Delete, messageId, popReceipt), cancellationToken, 204);

    private HttpMessage CreateReceiptMessage(RequestMethod method, string messageId, string popReceipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        var message = CreateMessagesMessage(method, messageId);
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        return message;
    }

    private static XElement MessageBody(string text, [CallerArgumentExpression(nameof(text))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        var bytes = Encoding.UTF8.GetBytes(text);
        var encodedLength = (bytes.Length + 2) / 3 * 4;
        if (encodedLength > MaxEncodedMessageLength)
        {
            throw new ArgumentException(
                $"The message is {encodedLength} base64 characters; the queue takes at most {MaxEncodedMessageLength}. Put large payloads in a blob.",
                paramName);
        }

        return new XElement("QueueMessage", new XElement("MessageText", Convert.ToBase64String(bytes)));
    }

    private static string MessageCount(int maxMessages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerRequest);
        return StorageWire.Invariant(maxMessages);
    }

    private static void AppendOptionalQuery(RequestUriBuilder uri, string name, string? value)
    {
        if (value is not null)
        {
            uri.AppendQuery(name, value);
        }
    }

    private static IEnumerable<XElement> Messages(Response response) => response.XmlBody().Elements("QueueMessage");

    private static XElement SingleMessage(Response response) =>
        Messages(response).FirstOrDefault() ?? throw new StorageException(response.Status, null, "The queue answered without the message.");

    private static DateTimeOffset Date(XElement message, string name) => StorageWire.ParseDate(message.RequiredChild(name));

    private static long DequeueCount(XElement message) => long.Parse(message.RequiredChild("DequeueCount"), CultureInfo.InvariantCulture);

    private static string Decode(XElement message)
    {
        var text = message.RequiredChild("MessageText");
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Queue message {message.Child("MessageId")} is not base64-encoded text; was it sent by another client?", ex);
        }
    }
}
