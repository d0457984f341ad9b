using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Contracts;

public abstract partial class InstanceStoreContractTests
{
    [Fact]
    public async Task TryCommitAsync_WithCurrentETag_AppendsEventsAndReplacesStatusAndOutbox()
    {
        var record = await CreateAsync(Metadata("i1"), Message("i1", "start"));
        var metadata = Running(record.Metadata) with { CustomStatus = "{\"step\":1}" };
        HistoryEvent[] events = [new OrchestratorStartedEvent(T0), Started(record.Metadata), new TaskScheduledEvent(T0, 0, "Say", "\"hi\"")];
        var outbox = new OutboundMessage(new ActivityWorkItem("a0", "i1", "e1", 0, "Say", "\"hi\""));

        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, metadata, events, NewExecution: false, [outbox]), Ct);

        Assert.NotNull(etag);
        Assert.NotEqual(record.ETag, etag);
        var loaded = await Store.LoadAsync("i1", Ct);
        AssertJsonEqual(metadata, loaded!.Metadata);
        AssertJsonEqual<IReadOnlyList<HistoryEvent>>(events, loaded.History);
        AssertJsonEqual<IReadOnlyList<OutboundMessage>>([outbox], loaded.Outbox);
        Assert.Equal(etag, loaded.ETag);
    }

    [Fact]
    public async Task TryCommitAsync_WithStaleETag_ReturnsNullAndWritesNothing()
    {
        var record = await CreateAsync(Metadata("i1"));
        var current = await CommitAsync(record, Running(record.Metadata), Started(record.Metadata));

        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, Completed(record.Metadata), [new TimerFiredEvent(T0, 1, T0)], false, [Message("i1", "late")]), Ct);

        Assert.Null(etag);
        var loaded = await Store.LoadAsync("i1", Ct);
        AssertJsonEqual(current.Metadata, loaded!.Metadata);
        Assert.IsType<ExecutionStartedEvent>(Assert.Single(loaded.History));
        Assert.Empty(loaded.Outbox);
        Assert.Equal(current.ETag, loaded.ETag);
    }

    [Fact]
    public async Task TryCommitAsync_UnknownInstance_ReturnsNull()
    {
        var record = await CreateAsync(Metadata("i1"));
        await Store.PurgeAsync("i1", Ct);

        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, Running(record.Metadata), [Started(record.Metadata)], false, []), Ct);

        Assert.Null(etag);
        Assert.Null(await Store.LoadAsync("i1", Ct));
    }

    [Fact]
    public async Task TryCommitAsync_ConcurrentCommitsFromSameETag_ExactlyOneWins()
    {
        var record = await CreateAsync(Metadata("i1"));
        var commits = Enumerable.Range(0, 8).Select(worker => new InstanceCommit(
            record.ETag,
            Running(record.Metadata) with { CustomStatus = worker.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            [new EventRaisedEvent(T0, "worker", worker.ToString(System.Globalization.CultureInfo.InvariantCulture), "m" + worker)],
            NewExecution: false,
            [])).ToList();

        var etags = await Task.WhenAll(commits.Select(c => Store.TryCommitAsync("i1", c, Ct).AsTask()));

        var winner = Assert.Single(etags.Select((etag, worker) => (etag, worker)), r => r.etag is not null).worker;
        var loaded = await Store.LoadAsync("i1", Ct);
        Assert.Equal(winner.ToString(System.Globalization.CultureInfo.InvariantCulture), loaded!.Metadata.CustomStatus);
        Assert.Equal("m" + winner, Assert.IsType<EventRaisedEvent>(Assert.Single(loaded.History)).MessageId);
    }

    [Fact]
    public async Task TryCommitAsync_ManyCommits_HistoryKeepsCommitOrder()
    {
        var record = await CreateAsync(Metadata("i1"));
        var expected = new List<HistoryEvent>();
        for (var i = 0; i < 24; i++)
        {
            HistoryEvent[] events = [new OrchestratorStartedEvent(T0.AddSeconds(i)), new TimerCreatedEvent(T0, i, T0.AddMinutes(i))];
            record = await CommitAsync(record, Running(record.Metadata), events);
            expected.AddRange(events);
        }

        AssertJsonEqual<IReadOnlyList<HistoryEvent>>(expected, record.History);
    }

    [Fact]
    public async Task TryCommitAsync_NewExecution_HidesTheOldHistory()
    {
        var record = await CreateAsync(Metadata("i1"));
        record = await CommitAsync(record, Running(record.Metadata), Started(record.Metadata), new TaskScheduledEvent(T0, 0, "A", null));
        var next = Running(record.Metadata) with { ExecutionId = "e2", Input = "\"next\"" };
        var restarted = new ExecutionStartedEvent(T0, next.Name, "i1", "e2", next.Input);

        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, next, [restarted], NewExecution: true, []), Ct);
        Assert.NotNull(etag);
        var loaded = await Store.LoadAsync("i1", Ct);
        record = await CommitAsync(loaded!, next, new TaskScheduledEvent(T0, 0, "B", null));

        Assert.Equal("e2", record.Metadata.ExecutionId);
        AssertJsonEqual<IReadOnlyList<HistoryEvent>>([restarted, new TaskScheduledEvent(T0, 0, "B", null)], record.History);
    }

    [Fact]
    public async Task TryClearOutboxAsync_WithCurrentETag_EmptiesOnlyTheOutbox()
    {
        var record = await CreateAsync(Metadata("i1"), Message("i1", "m1"), Message("i1", "m2"));
        record = await CommitAsync(record, Running(record.Metadata), Started(record.Metadata));
        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(record.ETag, record.Metadata, [], false, [Message("i1", "m3")]), Ct);

        await Store.TryClearOutboxAsync("i1", etag!, Ct);

        var loaded = await Store.LoadAsync("i1", Ct);
        Assert.Empty(loaded!.Outbox);
        AssertJsonEqual(record.Metadata, loaded.Metadata);
        Assert.Single(loaded.History);
        Assert.NotEqual(etag, loaded.ETag);
    }

    [Fact]
    public async Task TryClearOutboxAsync_WithStaleETag_DoesNothing()
    {
        var record = await CreateAsync(Metadata("i1"), Message("i1", "m1"));
        var current = await CommitAsync(record, Running(record.Metadata), []);
        var etag = await Store.TryCommitAsync("i1", new InstanceCommit(current.ETag, current.Metadata, [], false, [Message("i1", "m2")]), Ct);

        await Store.TryClearOutboxAsync("i1", record.ETag, Ct);

        var loaded = await Store.LoadAsync("i1", Ct);
        Assert.Equal("m2", Assert.Single(loaded!.Outbox).Item.MessageId);
        Assert.Equal(etag, loaded.ETag);
    }

    [Fact]
    public async Task TryClearOutboxAsync_Applied_MakesTheCommitETagStale()
    {
        var record = await CreateAsync(Metadata("i1"), Message("i1", "m1"));

        await Store.TryClearOutboxAsync("i1", record.ETag, Ct);

        var commit = new InstanceCommit(record.ETag, Running(record.Metadata), [Started(record.Metadata)], false, []);
        Assert.Null(await Store.TryCommitAsync("i1", commit, Ct));
    }
}
