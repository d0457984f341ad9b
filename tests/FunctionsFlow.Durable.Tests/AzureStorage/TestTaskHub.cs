using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>A task hub of the test's own on the shared Azurite, created at once and deleted on dispose.</summary>
internal sealed class TestTaskHub : IAsyncDisposable
{
    private TestTaskHub(StorageClientFactory factory, AzureStorageBackend backend)
    {
        Factory = factory;
        Backend = backend;
    }

    public StorageClientFactory Factory { get; }

    public AzureStorageBackend Backend { get; }

    public TaskHubNames Names => Backend.Names;

    public string TaskHubName { get; private init; } = string.Empty;

    public TableClient Table => Factory.GetTableClient(Names.InstancesTable);

    public BlobContainerClient Payloads => Factory.GetBlobContainerClient(Names.PayloadContainer);

    public QueueClient PoisonQueue => Factory.GetQueueClient(Names.PoisonQueue);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestTaskHub> CreateAsync(
        AzuriteFixture azurite, StorageClientOptions? clientOptions = null, string? taskHubName = null, int maxInlinePayloadChars = 30_000, StateCodec? codec = null)
    {
        var factory = azurite.CreateFactory(clientOptions);
        var options = new AzureStorageBackendOptions
        {
            TaskHubName = taskHubName ?? AzuriteFixture.NewName("hub"),
            MaxInlinePayloadChars = maxInlinePayloadChars,
            Codec = codec,
        };
        var backend = new AzureStorageBackend(factory, options);
        await backend.CreateIfNotExistsAsync(Ct);
        return new TestTaskHub(factory, backend) { TaskHubName = options.TaskHubName };
    }

    /// <summary>Another backend object on the same task hub, as another process would have.</summary>
    public AzureStorageBackend OtherProcess() => new(Factory, new AzureStorageBackendOptions { TaskHubName = TaskHubName });

    /// <summary>The names of the payload blobs, only those under <paramref name="prefix"/> when given.</summary>
    public async Task<List<string>> BlobNamesAsync(string? prefix = null) =>
        await Payloads.GetBlobsAsync(prefix, Ct).Select(b => b.Name).ToListAsync(Ct);

    /// <summary>The row keys of an instance's partition.</summary>
    public async Task<List<string>> RowKeysAsync(string instanceId) =>
        await Table.QueryAllAsync(TableFilter.PartitionKeyEquals(instanceId), select: [], cancellationToken: Ct).Select(r => r.RowKey).ToListAsync(Ct);

    public ValueTask DisposeAsync() => Backend.DeleteTaskHubAsync(CancellationToken.None);
}
