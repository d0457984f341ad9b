using System.Text;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Contracts;

public abstract partial class InstanceStoreContractTests
{
    [Theory]
    [InlineData(40_000)]
    [InlineData(200_000)]
    public async Task TryCommitAsync_LargePayloads_RoundTripUnchanged(int size)
    {
        var metadata = Metadata("big") with
        {
            Input = Large(size, 'i'),
            Tags = new Dictionary<string, string> { ["note"] = Large(size, 't')[1..^1] },
        };
        var record = await CreateAsync(metadata, Message("big", "m1", Large(size, 'm')));
        var done = Completed(record.Metadata) with
        {
            Output = Large(size, 'o'),
            CustomStatus = Large(size, 'c'),
            Failure = new TaskFailureDetails("Boom", Large(size, 'f'), Large(size, 's')),
        };
        HistoryEvent[] events = [Started(metadata), new TaskCompletedEvent(T0, 0, Large(size, 'h')), new ExecutionCompletedEvent(T0, OrchestrationRuntimeStatus.Completed, done.Output, null)];
        OutboundMessage[] outbox = [Message("big", "m2", Large(size, 'x'))];

        var etag = await Store.TryCommitAsync("big", new InstanceCommit(record.ETag, done, events, NewExecution: false, outbox), Ct);

        Assert.NotNull(etag);
        var loaded = await Store.LoadAsync("big", Ct);
        AssertJsonEqual(done, loaded!.Metadata);
        AssertJsonEqual(done, await Store.GetMetadataAsync("big", Ct));
        AssertJsonEqual<IReadOnlyList<HistoryEvent>>(events, loaded.History);
        AssertJsonEqual<IReadOnlyList<OutboundMessage>>(outbox, loaded.Outbox);
        AssertJsonEqual(done, Assert.Single((await Store.QueryAsync(new InstanceQuery(), Ct)).Items));
    }

    [Fact]
    public async Task TryClearOutboxAsync_LargeOutbox_EmptiesIt()
    {
        var record = await CreateAsync(Metadata("big"), Message("big", "m1", Large(100_000, 'm')));

        await Store.TryClearOutboxAsync("big", record.ETag, Ct);

        Assert.Empty((await Store.LoadAsync("big", Ct))!.Outbox);
    }

    /// <summary>A JSON string of about <paramref name="chars"/> characters, partly outside ASCII (two and three UTF-8 bytes).</summary>
    protected static string Large(int chars, char fill)
    {
        var text = new StringBuilder(chars + 2).Append('"');
        while (text.Length < chars)
        {
            text.Append(fill, 61).Append("é€");
        }

        return text.Append('"').ToString();
    }
}
