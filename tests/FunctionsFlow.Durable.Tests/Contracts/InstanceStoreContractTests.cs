using System.Text.Json;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Contracts;

/// <summary>What every <see cref="IInstanceStore"/> does; each backend runs these through a subclass.</summary>
public abstract partial class InstanceStoreContractTests : IAsyncLifetime
{
    /// <summary>A time with ticks below the millisecond, which a store must keep.</summary>
    protected static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IInstanceStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store.</summary>
    protected abstract ValueTask<IInstanceStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => Store = await CreateStoreAsync();

    public ValueTask DisposeAsync() => CleanUpAsync();

    /// <summary>Removes what <see cref="InitializeAsync"/> created.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task LoadAsync_UnknownInstance_ReturnsNull()
    {
        Assert.Null(await Store.LoadAsync("nobody", Ct));
        Assert.Null(await Store.GetMetadataAsync("nobody", Ct));
    }

    [Fact]
    public async Task TryCreateAsync_NewInstance_LoadReturnsStatusOutboxAndEmptyHistory()
    {
        var metadata = Metadata("i1") with
        {
            Tags = new Dictionary<string, string> { ["workflow"] = "wf-1", ["user id"] = "ann" },
            ParentInstanceId = "parent",
            CustomStatus = "\"starting\"",
        };
        var start = Message("i1", "m1");

        var etag = await Store.TryCreateAsync(metadata, [start], replaceETag: null, Ct);

        Assert.NotNull(etag);
        var record = await Store.LoadAsync("i1", Ct);
        Assert.NotNull(record);
        AssertJsonEqual(metadata, record.Metadata);
        AssertJsonEqual(metadata, await Store.GetMetadataAsync("i1", Ct));
        Assert.Empty(record.History);
        AssertJsonEqual(new[] { start }, record.Outbox);
        Assert.Equal(etag, record.ETag);
    }

    [Fact]
    public async Task TryCreateAsync_SameIdTwice_SecondReturnsNullAndKeepsTheFirst()
    {
        await CreateAsync(Metadata("i1", name: "First"));

        var second = await Store.TryCreateAsync(Metadata("i1", name: "Second"), [], replaceETag: null, Ct);

        Assert.Null(second);
        Assert.Equal("First", (await Store.GetMetadataAsync("i1", Ct))!.Name);
    }

    [Fact]
    public async Task TryCreateAsync_WithReplaceETagOfFinishedInstance_StartsOverWithEmptyHistory()
    {
        var record = await CreateAsync(Metadata("i1"));
        var finished = await CommitAsync(record, Completed(record.Metadata), Started(record.Metadata), new ExecutionCompletedEvent(T0, OrchestrationRuntimeStatus.Completed, "1", null));
        var restart = Metadata("i1", executionId: "e2") with { Input = "\"again\"" };

        var etag = await Store.TryCreateAsync(restart, [Message("i1", "m2")], finished.ETag, Ct);

        Assert.NotNull(etag);
        var loaded = await Store.LoadAsync("i1", Ct);
        AssertJsonEqual(restart, loaded!.Metadata);
        Assert.Empty(loaded.History);
        Assert.Equal("m2", Assert.Single(loaded.Outbox).Item.MessageId);
    }

    [Fact]
    public async Task TryCreateAsync_WithStaleReplaceETag_ReturnsNull()
    {
        var record = await CreateAsync(Metadata("i1"));
        await CommitAsync(record, Completed(record.Metadata), Started(record.Metadata));

        var etag = await Store.TryCreateAsync(Metadata("i1", executionId: "e2"), [], record.ETag, Ct);

        Assert.Null(etag);
        Assert.Equal("e1", (await Store.GetMetadataAsync("i1", Ct))!.ExecutionId);
    }

    [Fact]
    public async Task TryCreateAsync_WithReplaceETagOfNoInstance_ReturnsNull()
    {
        var record = await CreateAsync(Metadata("i1"));
        await Store.PurgeAsync("i1", Ct);

        Assert.Null(await Store.TryCreateAsync(Metadata("i1"), [], record.ETag, Ct));
        Assert.Null(await Store.LoadAsync("i1", Ct));
    }

    [Fact]
    public async Task PurgeAsync_ExistingInstance_RemovesItOnceAndFreesItsId()
    {
        var record = await CreateAsync(Metadata("i1"));
        await CommitAsync(record, Completed(record.Metadata), Started(record.Metadata));
        await CreateAsync(Metadata("i2"));

        Assert.True(await Store.PurgeAsync("i1", Ct));
        Assert.False(await Store.PurgeAsync("i1", Ct));

        Assert.Null(await Store.LoadAsync("i1", Ct));
        Assert.NotNull(await Store.LoadAsync("i2", Ct));
        var again = await CreateAsync(Metadata("i1", executionId: "e9"));
        Assert.Empty(again.History);
    }

    protected static InstanceMetadata Metadata(
        string instanceId,
        string name = "Greet",
        string executionId = "e1",
        OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Pending,
        DateTimeOffset? createdAt = null) => new()
        {
            InstanceId = instanceId,
            Name = name,
            ExecutionId = executionId,
            RuntimeStatus = status,
            CreatedAt = createdAt ?? T0,
            LastUpdatedAt = createdAt ?? T0,
            Input = "\"world\"",
        };

    protected static OutboundMessage Message(string instanceId, string messageId, string? payload = "1") =>
        new(new OrchestrationWorkItem(messageId, instanceId, "e1", new EventRaisedEvent(T0, "go", payload, messageId)), T0.AddMinutes(5));

    protected static InstanceMetadata Running(InstanceMetadata metadata) =>
        metadata with { RuntimeStatus = OrchestrationRuntimeStatus.Running, LastUpdatedAt = metadata.LastUpdatedAt.AddSeconds(1) };

    protected static InstanceMetadata Completed(InstanceMetadata metadata) => metadata with
    {
        RuntimeStatus = OrchestrationRuntimeStatus.Completed,
        Output = "\"done\"",
        CompletedAt = metadata.LastUpdatedAt.AddSeconds(2),
        LastUpdatedAt = metadata.LastUpdatedAt.AddSeconds(2),
    };

    protected static ExecutionStartedEvent Started(InstanceMetadata metadata) =>
        new(T0, metadata.Name, metadata.InstanceId, metadata.ExecutionId, metadata.Input);

    /// <summary>Creates an instance and loads it.</summary>
    protected async Task<InstanceRecord> CreateAsync(InstanceMetadata metadata, params OutboundMessage[] outbox)
    {
        Assert.NotNull(await Store.TryCreateAsync(metadata, outbox, replaceETag: null, Ct));
        return (await Store.LoadAsync(metadata.InstanceId, Ct))!;
    }

    /// <summary>Commits events on top of a record and loads the result.</summary>
    protected async Task<InstanceRecord> CommitAsync(InstanceRecord record, InstanceMetadata metadata, params HistoryEvent[] events)
    {
        var etag = await Store.TryCommitAsync(metadata.InstanceId, new InstanceCommit(record.ETag, metadata, events, NewExecution: false, []), Ct);
        Assert.NotNull(etag);
        var loaded = (await Store.LoadAsync(metadata.InstanceId, Ct))!;
        Assert.Equal(etag, loaded.ETag);
        return loaded;
    }

    /// <summary>Compares through the stores' own JSON, which covers dictionaries and polymorphic events.</summary>
    protected static void AssertJsonEqual<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, WorkItemSerializer.Options), JsonSerializer.Serialize(actual, WorkItemSerializer.Options));
}
