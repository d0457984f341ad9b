using Azure.Core;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>A write that reached the service but whose answer was lost is retried by the pipeline and then fails its
/// own condition; the store must see that the write was its own.</summary>
public sealed class AzureInstanceStoreRecoveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly LostAnswerPolicy _batches = new(r => r.Method == RequestMethod.Post && r.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal));
    private readonly LostAnswerPolicy _inserts = new(r => r.Method == RequestMethod.Post && r.Uri.Path.EndsWith("Instances", StringComparison.Ordinal));
    private TestTaskHub _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IInstanceStore Store => _hub.Backend.Store;

    public async ValueTask InitializeAsync()
    {
        var options = RequestCounter.WithPolicy(_batches);
        options.AddPolicy(_inserts, HttpPipelinePosition.PerRetry);
        _hub = await TestTaskHub.CreateAsync(azurite, options);
    }

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    [Fact]
    public async Task TryCreateAsync_AnswerLostAndInsertRetried_ReturnsTheETag()
    {
        _inserts.Arm();

        var etag = await Store.TryCreateAsync(Metadata(), [], null, Ct);

        Assert.Equal(1, _inserts.Lost);
        Assert.NotNull(etag);
        Assert.Equal(etag, (await Store.LoadAsync("i1", Ct))!.ETag);
    }

    [Fact]
    public async Task TryCommitAsync_AnswerLostAndTransactionRetried_ReturnsTheNewETagAndWritesOnce()
    {
        await Store.TryCreateAsync(Metadata(), [], null, Ct);
        var record = (await Store.LoadAsync("i1", Ct))!;
        _batches.Arm();

        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, record.Metadata, [new ExecutionStartedEvent(T0, "Greet", "i1", "e1", null)], false, []), Ct);

        Assert.Equal(1, _batches.Lost);
        Assert.NotNull(etag);
        var loaded = (await Store.LoadAsync("i1", Ct))!;
        Assert.Equal(etag, loaded.ETag);
        Assert.Single(loaded.History);
    }

    [Fact]
    public async Task TryCommitAsync_InstanceMovesOnBeforeTheOldExecutionIsCleanedUp_LeavesTheNewerRowsAlone()
    {
        TestTaskHub? hub = null;
        var cleanupQuery = new BeforeRequestPolicy(
            r => r.Method == RequestMethod.Get && Uri.UnescapeDataString(r.Uri.Query).Contains("RowKey ge 'h_'", StringComparison.Ordinal),
            async () =>
            {
                // Another worker continues the instance as new once more, before this store cleans up.
                var status = await hub!.Table.GetEntityAsync("i1", "instance", cancellationToken: Ct);
                status["ExecutionId"] = "e3";
                await hub.Table.SubmitTransactionAsync(
                    [TableTransactionAction.Update(status, status.ETag), TableTransactionAction.Add(new TableEntity("i1", "h_e3_00000000") { ["Events"] = "[]" })],
                    Ct);
            });
        await using var created = await TestTaskHub.CreateAsync(azurite, RequestCounter.WithPolicy(cleanupQuery));
        hub = created;
        await hub.Backend.Store.TryCreateAsync(Metadata(), [], null, Ct);
        var record = (await hub.Backend.Store.LoadAsync("i1", Ct))!;
        record = await CommitAsync(hub.Backend.Store, record, record.Metadata, false, new ExecutionStartedEvent(T0, "Greet", "i1", "e1", null));

        await CommitAsync(hub.Backend.Store, record, record.Metadata with { ExecutionId = "e2" }, true, new ExecutionStartedEvent(T0, "Greet", "i1", "e2", null));

        Assert.Equal(["h_e1_00000000", "h_e2_00000000", "h_e3_00000000", "instance"], await hub.RowKeysAsync("i1"));
    }

    private static async Task<InstanceRecord> CommitAsync(IInstanceStore store, InstanceRecord record, InstanceMetadata metadata, bool newExecution, params HistoryEvent[] events)
    {
        Assert.NotNull(await store.TryCommitAsync("i1", new InstanceCommit(record.ETag, metadata, events, newExecution, []), Ct));
        return (await store.LoadAsync("i1", Ct))!;
    }

    private static InstanceMetadata Metadata() => new()
    {
        InstanceId = "i1",
        Name = "Greet",
        ExecutionId = "e1",
        RuntimeStatus = OrchestrationRuntimeStatus.Pending,
        CreatedAt = T0,
        LastUpdatedAt = T0,
    };
}
