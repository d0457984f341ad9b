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
