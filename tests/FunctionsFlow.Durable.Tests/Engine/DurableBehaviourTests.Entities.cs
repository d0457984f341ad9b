using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Durable.Tests.Reliability;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    private static EntityInstanceId NewCounter() => new("counter", Guid.NewGuid().ToString("N"));

    private Task WaitForCounterAsync(EntityInstanceId id, int value, DurableClient? client = null) =>
        Testing.Eventually.TrueAsync(async () => (await (client ?? Host.Client).GetEntityAsync<int>(id))?.State == value, $"{id} reaches {value}");

    [Fact]
    public async Task FiftyConcurrentSignals_ToOneEntity_AreAppliedOneAtATime()
    {
        var id = NewCounter();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Host.Client.SignalEntityAsync(id, "add", 1)));

        await WaitForCounterAsync(id, 50);
        Assert.Equal(50, (await Host.Client.GetEntityAsync<int>(id))!.State);
    }

    [Fact]
    public async Task ScheduledSignal_IsAppliedOnlyWhenItsTimeComes()
    {
        var id = NewCounter();
        await Host.Client.SignalEntityAsync(id, "add", 1);
        await WaitForCounterAsync(id, 1);

        await Host.Client.SignalEntityAsync(id, "add", 10, Host.Clock.GetUtcNow().AddHours(1));
        await Host.Client.SignalEntityAsync(id, "add", 100);
        await WaitForCounterAsync(id, 101);
        Host.Clock.Advance(TimeSpan.FromHours(1));

        await WaitForCounterAsync(id, 111);
    }

    [Fact]
    public async Task CallFromAnOrchestration_ReturnsResults_FailuresDoNotChangeState_AndTheCallerReadsItsWrites()
    {
        var key = Guid.NewGuid().ToString("N");

        var done = await Host.WaitForCompletionAsync(await Client.StartAsync("UseCounter", key));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(107, done.ReadOutputAs<int>()); // the signal was sent before the call, and is applied first
        await WaitForCounterAsync(new EntityInstanceId("counter", key), 107);
    }

    [Fact]
    public async Task Delete_RemovesTheState()
    {
        var id = NewCounter();
        await Host.Client.SignalEntityAsync(id, "add", 3);
        await WaitForCounterAsync(id, 3);

        await Host.Client.SignalEntityAsync(id, "delete");

        await Testing.Eventually.TrueAsync(async () => await Host.Client.GetEntityAsync<int>(id) is null, "the state is gone");
    }

    [Fact]
    public async Task UnknownEntityKind_OperationsFailWithoutState()
    {
        var id = new EntityInstanceId("nosuchkind", "k");
        await Host.Client.SignalEntityAsync(id, "add", 1);
        var marker = NewCounter();
        await Host.Client.SignalEntityAsync(marker, "add", 1);
        await WaitForCounterAsync(marker, 1);

        await Testing.Eventually.TrueAsync(async () => (await Host.Client.GetInstanceAsync(id.InstanceId)) is not null, "the unknown entity was processed");
        Assert.Null(await Host.Client.GetEntityAsync<int>(id));
    }

    [Fact]
    public async Task EntitySignalsDeliveredTwice_AreAppliedOnce()
    {
        await Host.DisposeWorkersAsync();
        var twice = new InterceptedBackend(Host.Backend, new DuplicatingInterceptor());
        await Host.StartWorkerAsync(twice);
        var client = new DurableClient(twice, Host.Clock);
        var id = NewCounter();

        for (var i = 0; i < 10; i++)
        {
            await client.SignalEntityAsync(id, "add", 1);
        }

        await WaitForCounterAsync(id, 10);
        var marker = NewCounter();
        await client.SignalEntityAsync(marker, "add", 1);
        await WaitForCounterAsync(marker, 1);
        Assert.Equal(10, (await Host.Client.GetEntityAsync<int>(id))!.State);
    }
}

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task ClientCall_ReturnsOnceApplied_SoTheNextReadSeesTheWrite()
    {
        var id = NewCounter();

        await Host.Client.CallEntityAsync(id, "add", 5);
        var afterFirst = await Host.Client.GetEntityAsync<int>(id);
        await Host.Client.CallEntityAsync(id, "add", 2);
        var value = await Host.Client.CallEntityAsync<int>(id, "get");
        var afterSecond = await new DurableClient(Host.Backend, Host.Clock).GetEntityAsync<int>(id);

        Assert.Equal(5, afterFirst!.State);
        Assert.Equal(7, value);
        Assert.Equal(7, afterSecond!.State);
    }

    [Fact]
    public async Task ClientCall_ThatFails_ThrowsWithTheFailure_AndLeavesTheStateAlone()
    {
        var id = NewCounter();
        await Host.Client.CallEntityAsync(id, "add", 3);

        var failure = await Assert.ThrowsAsync<EntityOperationFailedException>(() => Host.Client.CallEntityAsync(id, "fail"));

        Assert.True(failure.FailureDetails.IsCausedBy<InvalidOperationException>());
        Assert.Equal("fail on purpose", failure.FailureDetails.ErrorMessage);
        Assert.Equal(3, (await Host.Client.GetEntityAsync<int>(id))!.State);
    }

    [Fact]
    public async Task AnEntity_SignalsOtherEntities_OnlyWhenItsOperationSucceeds()
    {
        var from = NewCounter();
        var to = NewCounter();

        await Host.Client.CallEntityAsync(from, "forward", new TestOrchestrations.Forwarded(to.Key, 4));
        await Assert.ThrowsAsync<EntityOperationFailedException>(() => Host.Client.CallEntityAsync(from, "forwardThenFail", new TestOrchestrations.Forwarded(to.Key, 1000)));
        await Host.Client.CallEntityAsync(from, "forward", new TestOrchestrations.Forwarded(to.Key, 1));

        await WaitForCounterAsync(to, 5);
        Assert.Equal(5, (await Host.Client.GetEntityAsync<int>(from))!.State);
    }

    [Fact]
    public async Task AnEntity_RemindsItself_AtALaterTime()
    {
        var id = NewCounter();

        await Host.Client.CallEntityAsync(id, "addLater", new TestOrchestrations.Later(9, Host.Clock.GetUtcNow().AddMinutes(30)));
        await Host.Client.CallEntityAsync(id, "add", 1);
        Assert.Equal(1, (await Host.Client.GetEntityAsync<int>(id))!.State);
        Host.Clock.Advance(TimeSpan.FromMinutes(30));

        await WaitForCounterAsync(id, 10);
    }

    [Fact]
    public async Task CompetingWorkers_OnOneEntity_ApplyEveryOperationExactlyOnce()
    {
        await Host.StartWorkerAsync();
        await Host.StartWorkerAsync();
        var id = NewCounter();

        var calls = Enumerable.Range(0, 25).Select(_ => Host.Client.CallEntityAsync(id, "add", 1));
        var signals = Enumerable.Range(0, 25).Select(_ => Host.Client.SignalEntityAsync(id, "add", 1));
        await Task.WhenAll(calls.Concat(signals));

        await WaitForCounterAsync(id, 50);
        Assert.Equal(50, await Host.Client.CallEntityAsync<int>(id, "get"));
    }
}

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task LostCommitRaces_AreComputedAgain_NotCountedTowardThePoisonLimit()
    {
        Host.Options.MaxDequeueCount = 3;
        await Host.StartWorkerAsync();
        await Host.StartWorkerAsync();
        var id = NewCounter();

        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Host.Client.SignalEntityAsync(id, "add", 1)));

        await WaitForCounterAsync(id, 100);
        Assert.Equal(0, await CountPoisonAsync(Host.Backend));
    }
}
