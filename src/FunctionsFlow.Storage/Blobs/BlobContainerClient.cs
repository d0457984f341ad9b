using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>A Blob service container and the block blobs in it.</summary>
/// <remarks>Created by <see cref="StorageClientFactory.GetBlobContainerClient"/>; cheap and thread-safe. Failed
/// requests throw <see cref="StorageException"/> with the service's status and error code.</remarks>
public sealed partial class BlobContainerClient
{
    private readonly StoragePipeline _pipeline;

    internal BlobContainerClient(StoragePipeline pipeline, string name)
    {
        StorageNames.ValidateContainerOrQueueName(name, "container", nameof(name));
        _pipeline = pipeline;
        Name = name;
        Uri = new Uri(pipeline.Account.BlobEndpoint + "/" + name);
    }

    /// <summary>The container's name.</summary>
    public string Name { get; }

    /// <summary>The container's URI.</summary>
    public Uri Uri { get; }

    /// <summary>Creates the container unless it exists.</summary>
    /// <returns>True if this call created it.</returns>
    public async Task<bool> CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _pipeline.SendForStatusAsync(CreateContainerMessage(RequestMethod.Put), cancellationToken, 201).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.ErrorCode == "ContainerAlreadyExists")
        {
            return false;
        }
    }

    /// <summary>Deletes the container and every blob in it.</summary>
    public Task DeleteAsync(CancellationToken cancellationToken = default) =>
        _pipeline.SendForStatusAsync(CreateContainerMessage(RequestMethod.Delete), cancellationToken, 202);

    /// <summary>Whether the container exists.</summary>
    public async Task<bool> ExistsAsync(CancellationToken cancellationToken = default) =>
        await _pipeline.SendForStatusAsync(CreateContainerMessage(RequestMethod.Head), cancellationToken, 200, 404).ConfigureAwait(false) == 200;

    /// <summary>Reads a blob's properties and metadata without its content.</summary>
    public Task<BlobProperties> GetPropertiesAsync(
        string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        _pipeline.SendAndReadAsync(CreateBlobMessage(RequestMethod.Head, blobName, conditions), ReadProperties, cancellationToken, 200);

    /// <summary>Starts downloading a blob; its content is read from the network as the caller reads the stream.</summary>
    /// <remarks>Dispose the result. Use this for blobs of any size: nothing is buffered beyond the transport's own.</remarks>
    public async Task<BlobDownloadResult> DownloadStreamingAsync(
        string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default)
    {
        HttpMessage? owned = CreateBlobMessage(RequestMethod.Get, blobName, conditions);
        owned.BufferResponse = false;
        try
        {
            var response = await _pipeline.SendAsync(owned, cancellationToken, 200).ConfigureAwait(false);
            var result = new BlobDownloadResult(owned, response.ContentStream ?? Stream.Null, ReadProperties(response));
            owned = null;
            return result;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    /// <summary>Downloads a small blob whole into memory.</summary>
    public Task<BinaryData> DownloadContentAsync(string blobName, CancellationToken cancellationToken = default) =>
        _pipeline.SendAndReadAsync(CreateBlobMessage(RequestMethod.Get, blobName, null), r => r.Content, cancellationToken, 200);

    /// <summary>Deletes a blob.</summary>
    public Task DeleteAsync(string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        _pipeline.SendForStatusAsync(CreateBlobMessage(RequestMethod.Delete, blobName, conditions), cancellationToken, 202);

    /// <summary>Deletes a blob if it (and the container) exists.</summary>
    /// <returns>True if this call deleted it.</returns>
    public async Task<bool> DeleteIfExistsAsync(
        string blobName, BlobRequestConditions? conditions = null, CancellationToken cancellationToken = default) =>
        await _pipeline.SendForStatusAsync(CreateBlobMessage(RequestMethod.Delete, blobName, conditions), cancellationToken, 202, 404)
            .ConfigureAwait(false) == 202;

    private static BlobProperties ReadProperties(Response response) => new(
        response.ETagHeader(),
        response.LastModifiedHeader(),
        response.Headers.ContentLength ?? 0,
        response.Headers.ContentType,
        response.Metadata());

    private HttpMessage CreateContainerMessage(RequestMethod method)
    {
        var message = _pipeline.CreateMessage(method, Uri);
        message.Request.Uri.AppendQuery("restype", "container");
        return message;
    }

    private HttpMessage CreateBlobMessage(RequestMethod method, string blobName, BlobRequestConditions? conditions)
    {
        ArgumentException.ThrowIfNullOrEmpty(blobName);
        if (blobName.Length > 1024)
        {
            throw new ArgumentException("A blob name has at most 1,024 characters.", nameof(blobName));
        }

        var message = _pipeline.CreateMessage(method, Uri);
        foreach (var segment in blobName.Split('/'))
        {
            message.Request.Uri.AppendPath("/", escape: false);
            message.Request.Uri.AppendPath(segment, escape: true);
        }

        conditions?.ApplyTo(message.Request);
        return message;
    }
}
