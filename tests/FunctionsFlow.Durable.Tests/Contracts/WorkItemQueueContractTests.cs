using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Contracts;

/// <summary>What every <see cref="IWorkItemQueue"/> does; each backend runs these through a subclass.</summary>
/// <remarks>Nothing here waits for time to pass: hidden messages are shown again with a zero delay.</remarks>
public abstract partial class WorkItemQueueContractTests : IAsyncLifetime
{
    private static readonly TimeSpan Hidden = TimeSpan.FromHours(1);

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IWorkItemQueue Queue { get; private set; } = null!;

    /// <summary>A fresh, empty queue.</summary>
    protected abstract ValueTask<IWorkItemQueue> CreateQueueAsync();

    /// <summary>The work items moved to the poison queue so far.</summary>
    protected abstract Task<IReadOnlyList<WorkItem>> PoisonedAsync();

    public async ValueTask InitializeAsync() => Queue = await CreateQueueAsync();

    public ValueTask DisposeAsync() => CleanUpAsync();

    /// <summary>Removes what <see cref="InitializeAsync"/> created.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task ReceiveAsync_SentItem_ReturnsItOnceWithDeliveryDetails()
    {
        var item = Event("i1", "m1");
        await Queue.SendAsync(item, TimeSpan.Zero, Ct);

        var received = Assert.Single(await Queue.ReceiveAsync(10, Hidden, Ct));

        AssertSameItem(item, received.Item);
        Assert.Equal(1, received.DequeueCount);
        Assert.False(string.IsNullOrEmpty(received.QueueMessageId));
        Assert.False(string.IsNullOrEmpty(received.Receipt));
        Assert.InRange(received.InsertedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(5));
        Assert.Empty(await Queue.ReceiveAsync(10, Hidden, Ct));
    }

    [Fact]
    public async Task ReceiveAsync_SeveralItems_ReturnsEachOnce()
    {
        WorkItem[] items = [Event("i1", "m1"), Activity("i1", "a1", "\"x\""), Event("i2", "m2")];
        foreach (var item in items)
        {
            await Queue.SendAsync(item, TimeSpan.Zero, Ct);
        }

        var received = await ReceiveAllAsync();

        Assert.Equal(items.Select(i => i.MessageId).Order(), received.Select(r => r.Item.MessageId).Order());
        Assert.Equal(3, received.Select(r => r.QueueMessageId).Distinct().Count());
    }

    [Fact]
    public async Task SendAsync_WithDelay_HidesTheItem()
    {
        await Queue.SendAsync(Event("i1", "m1"), Hidden, Ct);

        Assert.Empty(await Queue.ReceiveAsync(10, Hidden, Ct));
        Assert.Equal(1, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task SendAsync_LargeItem_RoundTripsUnchanged()
    {
        var item = Activity("i1", "a1", "\"" + new string('x', 60_000) + string.Concat(Enumerable.Repeat("é€", 20_000)) + "\"");

        await Queue.SendAsync(item, TimeSpan.Zero, Ct);

        AssertSameItem(item, Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct)).Item);
    }

    [Fact]
    public async Task CompleteAsync_ReceivedItem_RemovesIt()
    {
        await Queue.SendAsync(Event("i1", "m1"), TimeSpan.Zero, Ct);
        var received = Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct));

        await Queue.CompleteAsync(received, Ct);

        Assert.Equal(0, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task CompleteAsync_AfterSomeoneElseReceivedIt_LeavesItToThem()
    {
        await Queue.SendAsync(Event("i1", "m1"), TimeSpan.Zero, Ct);
        var first = Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct));
        var stale = StaleCopy(first);
        await Queue.AbandonAsync(first, TimeSpan.Zero, Ct);
        var second = Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct));

        await Queue.CompleteAsync(stale, Ct);
        await Queue.AbandonAsync(stale, TimeSpan.Zero, Ct);

        Assert.Equal(1, await Queue.GetApproximateCountAsync(Ct));
        Assert.Empty(await Queue.ReceiveAsync(1, Hidden, Ct));
        await Queue.CompleteAsync(second, Ct);
        Assert.Equal(0, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task AbandonAsync_WithDelayThenWithout_HidesThenShowsTheItemAgain()
    {
        await Queue.SendAsync(Event("i1", "m1"), TimeSpan.Zero, Ct);
        var received = Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct));

        await Queue.AbandonAsync(received, Hidden, Ct);
        Assert.Empty(await Queue.ReceiveAsync(1, Hidden, Ct));
        await Queue.AbandonAsync(received, TimeSpan.Zero, Ct);

        var again = Assert.Single(await Queue.ReceiveAsync(1, Hidden, Ct));
        Assert.Equal(received.QueueMessageId, again.QueueMessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task RenewAsync_ReceivedItem_KeepsItHiddenUnderANewReceipt()
    {
        await Queue.SendAsync(Event("i1", "m1"), TimeSpan.Zero, Ct);
        var received = Assert.Single(await Queue.ReceiveAsync(1, TimeSpan.FromSeconds(30), Ct));
        var before = received.Receipt;

        await Queue.RenewAsync(received, Hidden, Ct);

        Assert.NotEqual(before, received.Receipt);
        Assert.Empty(await Queue.ReceiveAsync(1, Hidden, Ct));
        await Queue.CompleteAsync(received, Ct);
        Assert.Equal(0, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task DeadLetterAsync_ReceivedItem_MovesItToThePoisonQueue()
    {
        var item = Event("i1", "m1");
        await Queue.SendAsync(item, TimeSpan.Zero, Ct);
        await Queue.SendAsync(Event("i1", "m2"), TimeSpan.Zero, Ct);
        var received = (await ReceiveAllAsync()).Single(r => r.Item.MessageId == "m1");

        await Queue.DeadLetterAsync(received, "failed too often", Ct);

        AssertSameItem(item, Assert.Single(await PoisonedAsync()));
        Assert.Equal(1, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task GetApproximateCountAsync_SentItems_CountsThem()
    {
        Assert.Equal(0, await Queue.GetApproximateCountAsync(Ct));
        for (var i = 0; i < 3; i++)
        {
            await Queue.SendAsync(Event("i1", "m" + i), TimeSpan.Zero, Ct);
        }

        Assert.Equal(3, await Queue.GetApproximateCountAsync(Ct));
    }

    [Fact]
    public async Task WaitForWorkAsync_ItemSentMeanwhile_ReturnsBeforeMaxWait()
    {
        var wait = Queue.WaitForWorkAsync(TimeSpan.FromMinutes(10), Ct);
        Assert.False(wait.IsCompleted);

        await Queue.SendAsync(Event("i1", "m1"), TimeSpan.Zero, Ct);

        await wait.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task WaitForWorkAsync_NothingSent_ReturnsAfterMaxWait()
    {
        await Queue.WaitForWorkAsync(TimeSpan.FromMilliseconds(20), Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    protected static OrchestrationWorkItem Event(string instanceId, string messageId) =>
        new(messageId, instanceId, "e1", new EventRaisedEvent(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero), "go", "{\"n\":1}", messageId));

    protected static ActivityWorkItem Activity(string instanceId, string messageId, string? input) =>
        new(messageId, instanceId, "e1", 3, "Say", input);

    /// <summary>A copy of a delivery that keeps its current receipt while the original moves on.</summary>
    internal static ReceivedWorkItem StaleCopy(ReceivedWorkItem item) =>
        new(item.Item, item.QueueMessageId, item.DequeueCount, item.InsertedAt) { Receipt = item.Receipt };

    protected static void AssertSameItem(WorkItem expected, WorkItem actual) =>
        Assert.Equal(WorkItemSerializer.Serialize(expected), WorkItemSerializer.Serialize(actual));

    /// <summary>Receives until nothing visible is left.</summary>
    protected async Task<List<ReceivedWorkItem>> ReceiveAllAsync()
    {
        var all = new List<ReceivedWorkItem>();
        while (await Queue.ReceiveAsync(32, Hidden, Ct) is { Count: > 0 } batch)
        {
            all.AddRange(batch);
        }

        return all;
    }
}
