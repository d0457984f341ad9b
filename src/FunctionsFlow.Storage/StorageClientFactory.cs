using FunctionsFlow.Storage.Pipeline;

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
}
