using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Pipeline;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Storage.Tables;

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

    /// <summary>A client for one table (the table need not exist yet).</summary>
    /// <exception cref="ArgumentException">The name is not 3 to 63 letters and digits starting with a letter.</exception>
    public TableClient GetTableClient(string tableName)
    {
        TableClient.ValidateName(tableName);
        return new TableClient(_pipeline, tableName);
    }

    /// <summary>The names of the account's tables, only those starting with <paramref name="prefix"/> when one is given.</summary>
    public IAsyncEnumerable<string> ListTablesAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        TableListing.ListAsync(_pipeline, prefix, cancellationToken);

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
