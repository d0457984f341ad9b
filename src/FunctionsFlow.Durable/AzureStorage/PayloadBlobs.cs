using System.Text;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>The payload container: texts too large for a row or a message, each under its instance's folder so that
/// purging an instance can find them all.</summary>
internal sealed class PayloadBlobs(BlobContainerClient container, PayloadProtector protector)
{
    /// <summary>The suffix of the property that names a row property's blob.</summary>
    public const string BlobSuffix = "Blob";

    private static readonly BlobUploadOptions JsonUpload = new() { ContentType = "application/json" };
    private static readonly BlobUploadOptions BinaryUpload = new() { ContentType = "application/octet-stream" };

    /// <summary>The folder of an instance's blobs, with its trailing slash.</summary>
    public static string Folder(string instanceId) => Segment(instanceId) + "/";

    /// <summary>A fresh blob name for a row property's text.</summary>
    public static string NewRowPayloadName(string instanceId) => Folder(instanceId) + Guid.NewGuid().ToString("N") + ".json";

    /// <summary>The blob of a large queue message; the same message sent twice writes the same blob.</summary>
    public static string MessageName(string instanceId, string messageId) => Folder(instanceId) + "messages/" + Segment(messageId) + ".json";

    /// <summary>The blob of an instance's checkpoint (with an empty id, the prefix of them all).</summary>
    public static string CheckpointName(string instanceId, string checkpointId) => Folder(instanceId) + "checkpoints/" + checkpointId;

    /// <summary>Writes a binary blob.</summary>
    public Task UploadBytesAsync(string name, byte[] content, CancellationToken cancellationToken) =>
        container.UploadAsync(name, new BinaryData(content), BinaryUpload, cancellationToken);

    /// <summary>Reads a binary blob; null when there is none.</summary>
    public async Task<BinaryData?> DownloadBytesIfExistsAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await container.DownloadContentAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>The blobs whose names start with <paramref name="prefix"/>, in name order.</summary>
    public IAsyncEnumerable<BlobItem> ListAsync(string prefix, CancellationToken cancellationToken) => container.GetBlobsAsync(prefix, cancellationToken);

    /// <summary>Writes a text blob.</summary>
    public Task UploadAsync(string name, string text, CancellationToken cancellationToken) =>
        container.UploadAsync(name, BinaryData.FromString(text), JsonUpload, cancellationToken);

    /// <summary>Reads a text blob.</summary>
    public async Task<string> DownloadAsync(string name, CancellationToken cancellationToken) =>
        (await container.DownloadContentAsync(name, cancellationToken).ConfigureAwait(false)).ToString();

    /// <summary>The texts' protection (encryption when the task hub's codec encrypts).</summary>
    public PayloadProtector Protector => protector;

    /// <summary>A row property's text, read from its blob when the row names one.</summary>
    /// <param name="row">The row.</param>
    /// <param name="property">The property.</param>
    /// <param name="downloaded">Collects the blobs read, by content hash; null when not wanted.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    public async ValueTask<string?> ReadAsync(TableEntity row, string property, IDictionary<string, string>? downloaded, CancellationToken cancellationToken)
    {
        if (row.GetString(property + BlobSuffix) is not { Length: > 0 } name)
        {
            return row.GetString(property) is { } inline ? protector.Unprotect(inline, row.PartitionKey, property) : null;
        }

        var text = protector.Unprotect(await DownloadAsync(name, cancellationToken).ConfigureAwait(false), row.PartitionKey, property);
        downloaded?.TryAdd(ContentHash.Of(text), name);
        return text;
    }

    /// <summary>Deletes every blob of an instance.</summary>
    public async Task DeleteFolderAsync(string instanceId, CancellationToken cancellationToken)
    {
        var names = await container.GetBlobsAsync(Folder(instanceId), cancellationToken).Select(b => b.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        await DeleteAsync(names, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes blobs, whether or not they still exist.</summary>
    public async Task DeleteAsync(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var name in names)
        {
            await container.DeleteIfExistsAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A name segment: plain names stay readable; anything else, including a leading or trailing dot (which
    /// Azure drops or resolves), becomes <c>~</c> and the hex of its UTF-8, which no plain segment starts with.</summary>
    private static string Segment(string value)
    {
        var plain = value.Length > 0 && value[0] != '.' && value[^1] != '.' &&
            value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or ':');
        return plain ? value : "~" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));
    }
}
