using System.Text;
using System.Text.Json;
using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>The text of a work item on a queue: its JSON, or for a large one a small reference to the blob that holds it.</summary>
/// <remarks>The blob is named after the work item's instance and message id, so sending the same message twice writes
/// the same blob. It is not deleted with the message (a copy delivered twice still needs it); purging the instance
/// removes it.</remarks>
internal sealed class WorkItemMessages(PayloadBlobs blobs, int maxInlineBytes)
{
    private const string ReferenceProperty = "$ref";
    private const string MessagePurpose = "message";

    /// <summary>What a message is bound to: not its instance, which is known only once the message is read.</summary>
    private const string MessageScope = "queue";
    private const string ReferenceStart = "{\"" + ReferenceProperty + "\"";

    /// <summary>The queue text of a work item, uploading its JSON first when it is too large for a message.</summary>
    public async Task<string> EncodeAsync(WorkItem item, CancellationToken cancellationToken)
    {
        var json = blobs.Protector.Protect(WorkItemSerializer.Serialize(item), MessageScope, MessagePurpose);
        if (Encoding.UTF8.GetByteCount(json) <= maxInlineBytes)
        {
            return json;
        }

        var name = PayloadBlobs.MessageName(item.InstanceId, item.MessageId);
        await blobs.UploadAsync(name, json, cancellationToken).ConfigureAwait(false);
        return Reference(name);
    }

    /// <summary>The work item a queue text stands for.</summary>
    /// <exception cref="JsonException">The text is not a work item nor a reference to one.</exception>
    /// <exception cref="FunctionsFlow.Storage.StorageException">404 when the referenced blob is gone (its instance was purged).</exception>
    public async Task<WorkItem> DecodeAsync(string text, CancellationToken cancellationToken)
    {
        var json = ReferencedBlob(text) is { } name ? await blobs.DownloadAsync(name, cancellationToken).ConfigureAwait(false) : text;
        return WorkItemSerializer.Deserialize(blobs.Protector.Unprotect(json, MessageScope, MessagePurpose));
    }

    private static string Reference(string blobName)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString(ReferenceProperty, blobName);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string? ReferencedBlob(string text)
    {
        if (!text.StartsWith(ReferenceStart, StringComparison.Ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.GetProperty(ReferenceProperty).GetString()
            ?? throw new JsonException("A message's blob reference is null.");
    }
}
