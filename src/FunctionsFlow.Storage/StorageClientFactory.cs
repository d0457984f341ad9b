using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Pipeline;
using FunctionsFlow.Storage.Queues;

namespace FunctionsFlow.Storage;

/// <summary>Creates the Table, Blob and Queue clients of one account, all sending through one shared pipeline.</summary>
public sealed class StorageClientFactory
{
    private readonly StoragePipeline _pipeline;

    /// <summary>The pipeline the clients share (internal: clients are created through the factory).</summary>
    internal StoragePipeline Pipeline => _pipeline;

    /// <summary>Creates a factory for an account.</summary>
    public StorageClientFactory(StorageAccount account, StorageClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        _pipeline = new StoragePipeline(account, options ?? new StorageClientOptions());
    }

    /// <summary>The account the clients talk to.</summary>
    public StorageAccount Account => _pipeline.Account;

    /// <summary>A client for one blob container (the container need not exist yet).</summary>
    /// <exception cref="ArgumentException">The name is not a valid container name.</exception>
    public BlobContainerClient GetBlobContainerClient(string containerName) => new(_pipeline, containerName);

    /// <summary>A client for one queue (the queue need not exist yet).</summary>
    /// <exception cref="ArgumentException">The name is not a valid queue name.</exception>
    public QueueClient GetQueueClient(string queueName) => new(_pipeline, queueName);

    /// <summary>The names of the account's blob containers, optionally only those starting with a prefix.</summary>
    public IAsyncEnumerable<string> ListContainersAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        ServiceListing.ListNamesAsync(_pipeline, StorageServiceKind.Blob, prefix, cancellationToken);

    /// <summary>The names of the account's queues, optionally only those starting with a prefix.</summary>
    public IAsyncEnumerable<string> ListQueuesAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        ServiceListing.ListNamesAsync(_pipeline, StorageServiceKind.Queue, prefix, cancellationToken);
}
