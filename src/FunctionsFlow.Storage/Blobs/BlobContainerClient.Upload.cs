using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>Uploads: one Put Blob for small content, staged blocks and a block list for large or unknown-length content.</summary>
public sealed partial class BlobContainerClient
{
    /// <summary>The size of a staged block, and the largest content sent in a single Put Blob.</summary>
    internal const int BlockSize = 4 * 1024 * 1024;

    /// <summary>Writes a block blob from content in memory.</summary>
    public Task<BlobInfo> UploadAsync(
        string blobName, BinaryData content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var memory = content.ToMemory();
        return memory.Length <= BlockSize
            ? PutBlobAsync(blobName, memory, options, cancellationToken)
            : UploadAsync(blobName, content.ToStream(), options, cancellationToken);
    }

    /// <summary>Writes a block blob from a stream, which need not be seekable nor of known length.</summary>
    /// <remarks>At most one block (4 MiB) of the stream is in memory at a time. Conditions are checked when the blob
    /// is committed, so a large upload that fails its condition has sent its blocks for nothing (the service
    /// discards uncommitted blocks).</remarks>
    public async Task<BlobInfo> UploadAsync(
        string blobName, Stream content, BlobUploadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
        try
        {
            var filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            if (filled < BlockSize || (content.CanSeek && content.Position >= content.Length))
            {
                return await PutBlobAsync(blobName, buffer.AsMemory(0, filled), options, cancellationToken).ConfigureAwait(false);
            }

            var uploadId = Guid.NewGuid().ToString("N");
            var blockIds = new List<string>();
            while (filled > 0)
            {
                var blockId = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{uploadId}-{blockIds.Count:D6}")));
                await PutBlockAsync(blobName, blockId, buffer.AsMemory(0, filled), options?.Conditions?.LeaseId, cancellationToken).ConfigureAwait(false);
                blockIds.Add(blockId);
                filled = await content.ReadAtLeastAsync(buffer.AsMemory(0, BlockSize), BlockSize, throwOnEndOfStream: false, cancellationToken)
                    .ConfigureAwait(false);
            }

            return await PutBlockListAsync(blobName, blockIds, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Task<BlobInfo> PutBlobAsync(string blobName, ReadOnlyMemory<byte> content, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var message = CreateWriteMessage(blobName, options);
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Content = RequestContent.Create(content);
        return _pipeline.SendAndReadAsync(message, ReadInfo, cancellationToken, 201);
    }

    private async Task PutBlockAsync(string blobName, string blockId, ReadOnlyMemory<byte> block, string? leaseId, CancellationToken cancellationToken)
    {
        var message = CreateBlobMessage(RequestMethod.Put, blobName, leaseId is null ? null : new BlobRequestConditions { LeaseId = leaseId });
        message.Request.Uri.AppendQuery("comp", "block");
        message.Request.Uri.AppendQuery("blockid", blockId, escapeValue: true);

        // Memory content is re-sendable, so the pipeline's retries resend the same block.
        message.Request.Content = RequestContent.Create(block);
        await _pipeline.SendForStatusAsync(message, cancellationToken, 201).ConfigureAwait(false);
    }

    private Task<BlobInfo> PutBlockListAsync(string blobName, List<string> blockIds, BlobUploadOptions? options, CancellationToken cancellationToken)
    {
        var message = CreateWriteMessage(blobName, options);
        message.Request.Uri.AppendQuery("comp", "blocklist");
        message.Request.SetXmlContent(new XElement("BlockList", blockIds.Select(id => new XElement("Latest", id))));
        return _pipeline.SendAndReadAsync(message, ReadInfo, cancellationToken, 201);
    }

    private HttpMessage CreateWriteMessage(string blobName, BlobUploadOptions? options)
    {
        var message = CreateBlobMessage(RequestMethod.Put, blobName, options?.Conditions);
        message.Request.Headers.SetValue("x-ms-blob-content-type", options?.ContentType ?? "application/octet-stream");
        message.Request.SetMetadata(options?.Metadata);
        return message;
    }

    private static BlobInfo ReadInfo(Response response) => new(response.ETagHeader(), response.LastModifiedHeader());
}
