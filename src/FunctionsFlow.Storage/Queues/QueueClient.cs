using System.Globalization;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Queues;

/// <summary>A Queue service queue whose messages carry UTF-8 text, base64-encoded on the wire.</summary>
/// <remarks>Base64 is what the Azure Functions queue trigger expects by default, so a function can consume what this
/// client sends. Delivery is at least once: a received message comes back after its visibility timeout unless it is
/// deleted with its pop receipt. Created by <see cref="StorageClientFactory.GetQueueClient"/>; cheap and thread-safe.</remarks>
public sealed partial class QueueClient
{
    private readonly StoragePipeline _pipeline;

    internal QueueClient(StoragePipeline pipeline, string name)
    {
        StorageNames.ValidateContainerOrQueueName(name, "queue", nameof(name));
        _pipeline = pipeline;
        Name = name;
        Uri = new Uri(pipeline.Account.QueueEndpoint + "/" + name);
    }

    /// <summary>The queue's name.</summary>
    public string Name { get; }

    /// <summary>The queue's URI.</summary>
    public Uri Uri { get; }

    /// <summary>Creates the queue unless it exists.</summary>
    /// <returns>True if this call created it.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _pipeline.SendForStatusAsync(_pipeline.CreateMessage(RequestMethod.Put, Uri), cancellationToken, 201, 204).ConfigureAwait(false) == 201;

    /// <summary>Deletes the queue and its messages.</summary>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        _pipeline.SendForStatusAsync(_pipeline.CreateMessage(RequestMethod.Delete, Uri), cancellationToken, 204);

    /// <summary>The service's approximate count of messages in the queue, visible or not.</summary>
    public Task<int> GetApproximateMessageCountAsync(CancellationToken cancellationToken = default)
    {
        var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
        message.Request.Uri.AppendQuery("comp", "metadata");
        return _pipeline.SendAndReadAsync(
            message,
            r => int.Parse(r.RequiredHeader("x-ms-approximate-messages-count"), CultureInfo.InvariantCulture),
            cancellationToken,
            200);
    }

    /// <summary>Deletes every message in the queue.</summary>
    public Task ClearMessagesAsync(CancellationToken cancellationToken = default) =>
        _pipeline.SendForStatusAsync(CreateMessagesMessage(RequestMethod.Delete), cancellationToken, 204);

    private HttpMessage CreateMessagesMessage(RequestMethod method, string? messageId = null)
    {
        var message = _pipeline.CreateMessage(method, Uri);
        message.Request.Uri.AppendPath("/messages", escape: false);
        if (messageId is not null)
        {
            message.Request.Uri.AppendPath("/", escape: false);
            message.Request.Uri.AppendPath(messageId, escape: true);
        }

        return message;
    }
}
