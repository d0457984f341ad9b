using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>What the Azure store does beyond the contract: where things go, what it costs, how it recovers.</summary>
public sealed class AzureInstanceStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly RequestCounter _requests = new();
    private TestTaskHub _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IInstanceStore Store => _hub.Backend.Store;

    public async ValueTask InitializeAsync() => _hub = await TestTaskHub.CreateAsync(azurite, _requests.Options());

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    [Fact]
    public async Task TryCommitAsync_EachCommit_WritesOneHistoryRowInOrder()
    {
        var record = await CreateAsync(Metadata("i1") with { Tags = new Dictionary<string, string> { ["workflow"] = "wf-1" } });
        record = await CommitAsync(record, [Started("i1", "e1")]);
        await CommitAsync(record, [new TaskScheduledEvent(T0, 0, "A", null)]);

        Assert.Equal(["h_e1_00000000", "h_e1_00000001", "instance"], await _hub.RowKeysAsync("i1"));
        var status = await _hub.Table.GetEntityAsync("i1", "instance", cancellationToken: Ct);
        Assert.Equal("Running", status.GetString("RuntimeStatus"));
        Assert.Equal(T0, status.GetDateTimeOffset("CreatedAt"));
        Assert.Equal(2, status.GetInt32("NextSequence"));
        Assert.Equal("wf-1", status.GetString("tag_workflow"));
    }

    [Fact]
    public async Task LoadAsync_RowsOfAnExecutionWhoseIdExtendsTheCurrentOne_AreIgnored()
    {
        var record = await CreateAsync(Metadata("i1"));
        await CommitAsync(record, [Started("i1", "e1")]);
        await _hub.Table.AddEntityAsync(new Storage.Tables.TableEntity("i1", "h_e1_x_00000000") { ["Events"] = "not read" }, Ct);

        var loaded = await Store.LoadAsync("i1", Ct);

        Assert.IsType<ExecutionStartedEvent>(Assert.Single(loaded!.History));
    }

    [Fact]
    public async Task TryCommitAsync_NewExecution_DeletesThePreviousExecutionsRows()
    {
        var record = await CreateAsync(Metadata("i1"));
        record = await CommitAsync(record, [Started("i1", "e1")]);
        record = await CommitAsync(record, [new TaskScheduledEvent(T0, 0, "A", null)]);

        var next = record.Metadata with { ExecutionId = "e2" };
        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, next, [Started("i1", "e2")], NewExecution: true, []), Ct);

        Assert.Equal(["h_e2_00000000", "instance"], await _hub.RowKeysAsync("i1"));
        Assert.Equal(etag, (await Store.LoadAsync("i1", Ct))!.ETag);
    }

    [Fact]
    public async Task TryCreateAsync_ReplacingAFinishedInstance_DeletesItsOldHistoryRows()
    {
        var record = await CreateAsync(Metadata("i1"));
        record = await CommitAsync(record, [Started("i1", "e1")]);

        Assert.NotNull(await Store.TryCreateAsync(Metadata("i1") with { ExecutionId = "e2" }, [], record.ETag, Ct));

        Assert.Equal(["instance"], await _hub.RowKeysAsync("i1"));
    }

    [Theory]
    [InlineData("big")]
    [InlineData("odd id.")]
    public async Task PurgeAsync_InstanceWithLargePayloads_DeletesItsBlobsOnly(string instanceId)
    {
        var large = "\"" + new string('x', 200_000) + "\"";
        await CreateAsync(Metadata("other") with { Input = large });
        var record = await CreateAsync(Metadata(instanceId) with { Input = large[..40_000] + "\"" });
        await Store.TryCommitAsync(
            instanceId,
            new InstanceCommit(record.ETag, record.Metadata with { Output = large }, [new TaskCompletedEvent(T0, 0, large)], false, []),
            Ct);
        var folder = PayloadBlobs.Folder(instanceId);
        Assert.Equal(3, (await _hub.BlobNamesAsync(folder)).Count);

        Assert.True(await Store.PurgeAsync(instanceId, Ct));

        Assert.Empty(await _hub.BlobNamesAsync(folder));
        Assert.Empty(await _hub.RowKeysAsync(instanceId));
        Assert.Single(await _hub.BlobNamesAsync(PayloadBlobs.Folder("other")));
        Assert.Equal(large, (await Store.GetMetadataAsync("other", Ct))!.Input);
    }

    [Fact]
    public async Task TryCommitAsync_SmallPayloads_WritesNoBlobs()
    {
        var record = await CreateAsync(Metadata("i1"));
        await CommitAsync(record, [Started("i1", "e1")]);

        Assert.Empty(await _hub.BlobNamesAsync());
    }

    [Fact]
    public async Task TryCommitAsync_LargeInputKept_PointsToTheSameBlob()
    {
        var input = "\"" + new string('i', 50_000) + "\"";
        var record = await CreateAsync(Metadata("i1") with { Input = input });
        for (var i = 0; i < 5; i++)
        {
            record = await CommitAsync(record, [new TimerFiredEvent(T0, i, T0)]);
        }

        Assert.Single(await _hub.BlobNamesAsync());
        Assert.Equal(input, record.Metadata.Input);
    }

    [Fact]
    public async Task TryCommitAsync_ETagReadByAnotherProcess_UploadsACopyThatReadsBack()
    {
        var input = "\"" + new string('i', 50_000) + "\"";
        var record = await CreateAsync(Metadata("i1") with { Input = input });
        var otherProcess = _hub.OtherProcess().Store;

        Assert.NotNull(await otherProcess.TryCommitAsync("i1", new InstanceCommit(record.ETag, record.Metadata, [Started("i1", "e1")], false, []), Ct));

        Assert.Equal(2, (await _hub.BlobNamesAsync()).Count);
        Assert.Equal(input, (await Store.LoadAsync("i1", Ct))!.Metadata.Input);
        Assert.Equal(input, (await otherProcess.LoadAsync("i1", Ct))!.Metadata.Input);
    }

    [Fact]
    public async Task PurgeAsync_MoreThanOneTransactionOfRows_DeletesThemAll()
    {
        var record = await CreateAsync(Metadata("long"));
        for (var i = 0; i < 120; i++)
        {
            record = await CommitAsync(record, [new TimerFiredEvent(T0, i, T0)]);
        }

        Assert.True(await Store.PurgeAsync("long", Ct));

        Assert.Empty(await _hub.RowKeysAsync("long"));
        Assert.Null(await Store.LoadAsync("long", Ct));
    }

    [Fact]
    public async Task Load_IgnoresHistoryRowsTheStatusRowDoesNotCountYet()
    {
        await Store.TryCreateAsync(Metadata("i1"), [], null, Ct);
        var record = (await Store.LoadAsync("i1", Ct))!;
        record = await CommitAsync(record, [Started("i1", "e1")]);

        // A history row past the status row's count: what a query straddling another worker's commit would see.
        var ahead = new FunctionsFlow.Storage.Tables.TableEntity("i1", InstanceRows.HistoryPrefix(record.Metadata.ExecutionId) + "00000001")
        {
            ["Events"] = System.Text.Json.JsonSerializer.Serialize<List<HistoryEvent>>([new OrchestratorStartedEvent(T0)], WorkItemSerializer.Options),
        };
        await _hub.Table.AddEntityAsync(ahead, Ct);
        var loaded = (await Store.LoadAsync("i1", Ct))!;

        Assert.Equal(record.History.Count, loaded.History.Count);
        Assert.Equal(record.ETag, loaded.ETag);
    }

    [Fact]
    public async Task RequestCounts_SmallInstance_OneRequestPerCreateCommitLoadAndStatus()
    {
        InstanceRecord? record = null;
        string? etag = null;
        Assert.Equal(1, await _requests.CountAsync(async () => await Store.TryCreateAsync(Metadata("i1"), [], null, Ct)));
        Assert.Equal(1, await _requests.CountAsync(async () => record = await Store.LoadAsync("i1", Ct)));
        var commit = new InstanceCommit(record!.ETag, record.Metadata, [Started("i1", "e1")], false, []);
        Assert.Equal(1, await _requests.CountAsync(async () => etag = await Store.TryCommitAsync("i1", commit, Ct)));
        Assert.Equal(1, await _requests.CountAsync(async () => await Store.TryClearOutboxAsync("i1", etag!, Ct)));
        Assert.Equal(1, await _requests.CountAsync(async () => await Store.GetMetadataAsync("i1", Ct)));

        // A stale commit costs one more request: the read that rules out a retried write whose answer was lost.
        Assert.Equal(2, await _requests.CountAsync(async () => Assert.Null(await Store.TryCommitAsync("i1", commit, Ct))));
    }

    [Fact]
    public async Task TryCreateAsync_TooManyTags_ThrowsBeforeWriting()
    {
        var tags = Enumerable.Range(0, 101).ToDictionary(i => "t" + i, i => "v");

        await Assert.ThrowsAsync<ArgumentException>(() => Store.TryCreateAsync(Metadata("i1") with { Tags = tags }, [], null, Ct).AsTask());

        Assert.Null(await Store.LoadAsync("i1", Ct));
    }

    private static InstanceMetadata Metadata(string instanceId) => new()
    {
        InstanceId = instanceId,
        Name = "Greet",
        ExecutionId = "e1",
        RuntimeStatus = OrchestrationRuntimeStatus.Running,
        CreatedAt = T0,
        LastUpdatedAt = T0,
    };

    private static ExecutionStartedEvent Started(string instanceId, string executionId) => new(T0, "Greet", instanceId, executionId, null);

    private async Task<InstanceRecord> CreateAsync(InstanceMetadata metadata)
    {
        Assert.NotNull(await Store.TryCreateAsync(metadata, [], null, Ct));
        return (await Store.LoadAsync(metadata.InstanceId, Ct))!;
    }

    private async Task<InstanceRecord> CommitAsync(InstanceRecord record, HistoryEvent[] events)
    {
        Assert.NotNull(await Store.TryCommitAsync(record.Metadata.InstanceId, new InstanceCommit(record.ETag, record.Metadata, events, false, []), Ct));
        return (await Store.LoadAsync(record.Metadata.InstanceId, Ct))!;
    }
}
