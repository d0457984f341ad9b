using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Tests.Contracts;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>What the Azure queues do beyond the contract: Azure's limits, large messages, unreadable messages.</summary>
public sealed class AzureWorkItemQueueTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Hidden = TimeSpan.FromHours(1);
    private TestTaskHub _hub = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IWorkItemQueue Queue => _hub.Backend.ActivityQueue;

    private QueueClient RawQueue => _hub.Factory.GetQueueClient(_hub.Names.WorkItemQueue);

    public async ValueTask InitializeAsync() => _hub = await TestTaskHub.CreateAsync(azurite);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    [Fact]
    public async Task ReceiveAsync_MoreThan32Asked_ReturnsAtMost32()
    {
        for (var i = 0; i < 40; i++)
        {
            await Queue.SendAsync(Activity("a" + i, "1"), TimeSpan.Zero, Ct);
        }

        Assert.Equal(32, (await Queue.ReceiveAsync(100, Hidden, Ct)).Count);
        Assert.Equal(8, (await Queue.ReceiveAsync(100, Hidden, Ct)).Count);
    }

    [Fact]
    public async Task SendAsync_100KilobyteItem_QueueCarriesABlobReference()
    {
        var item = Activity("a1", "\"" + new string('x', 100_000) + "\"");

        await Queue.SendAsync(item, TimeSpan.Zero, Ct);

        var raw = Assert.Single(await RawQueue.PeekMessagesAsync(1, Ct));
        Assert.StartsWith("{\"$ref\":", raw.Text, StringComparison.Ordinal);
        Assert.True(raw.Text.Length < 200);
        Assert.Equal(["i1/messages/a1.json"], await _hub.BlobNamesAsync());
        Assert.Equal(WorkItemSerializer.Serialize(item), WorkItemSerializer.Serialize(Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct)).Item));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    public async Task SendAsync_ItemAtTheInlineLimit_GoesToABlobOnlyAboveIt(int overLimit, bool inBlob)
    {
        var empty = Activity("a1", string.Empty);
        var item = empty with { Input = new string('x', 45_000 - WorkItemSerializer.Serialize(empty).Length + overLimit) };

        await Queue.SendAsync(item, TimeSpan.Zero, Ct);

        Assert.Equal(inBlob, (await _hub.BlobNamesAsync()).Count == 1);
        Assert.Equal(inBlob, Assert.Single(await RawQueue.PeekMessagesAsync(1, Ct)).Text.StartsWith("{\"$ref\":", StringComparison.Ordinal));
        Assert.Equal(WorkItemSerializer.Serialize(item), WorkItemSerializer.Serialize(Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct)).Item));
    }

    [Fact]
    public async Task ReceiveAsync_UnreadableMessage_MovesItAsideAndReturnsTheRest()
    {
        await RawQueue.SendMessageAsync("not a work item", cancellationToken: Ct);
        await Queue.SendAsync(Activity("a1", "1"), TimeSpan.Zero, Ct);

        var received = await Queue.ReceiveAsync(32, Hidden, Ct);

        Assert.Equal("a1", Assert.Single(received).Item.MessageId);
        Assert.Equal("not a work item", Assert.Single(await _hub.PoisonQueue.PeekMessagesAsync(32, Ct)).Text);
        Assert.Equal(1, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task ReceiveAsync_LargeMessageWhoseInstanceWasPurged_MovesItAside()
    {
        await Queue.SendAsync(Activity("a1", "\"" + new string('x', 100_000) + "\""), TimeSpan.Zero, Ct);
        await _hub.Backend.Store.PurgeAsync("i1", Ct);

        Assert.Empty(await Queue.ReceiveAsync(32, Hidden, Ct));

        Assert.Single(await _hub.PoisonQueue.PeekMessagesAsync(32, Ct));
        Assert.Equal(0, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task DeadLetterAsync_MessageNoLongerOurs_LeavesNothingInThePoisonQueue()
    {
        await Queue.SendAsync(Activity("a1", "1"), TimeSpan.Zero, Ct);
        var received = Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct));
        var stale = WorkItemQueueContractTests.StaleCopy(received);
        await Queue.RenewAsync(received, Hidden, Ct);

        await Queue.DeadLetterAsync(stale, "failed", Ct);

        Assert.Empty(await _hub.PoisonQueue.PeekMessagesAsync(32, Ct));
        Assert.Equal(1, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_DelayBeyondSevenDays_IsCappedNotRefused()
    {
        await Queue.SendAsync(Activity("a1", "1"), TimeSpan.FromDays(30), Ct);

        Assert.Empty(await Queue.ReceiveAsync(1, Hidden, Ct));
        Assert.Equal(1, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task WaitForWorkAsync_SendThroughAnotherBackendObject_ReturnsBeforeMaxWait()
    {
        var wait = _hub.OtherProcess().ControlQueue.WaitForWorkAsync(TimeSpan.FromMinutes(10), Ct);

        await _hub.Backend.ControlQueue.SendAsync(new OrchestrationWorkItem("m1", "i1", null, new EventRaisedEvent(DateTimeOffset.UnixEpoch, "go", null, "m1")), TimeSpan.Zero, Ct);

        await wait.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    private static ActivityWorkItem Activity(string messageId, string? input) => new(messageId, "i1", "e1", 0, "Say", input);
}
