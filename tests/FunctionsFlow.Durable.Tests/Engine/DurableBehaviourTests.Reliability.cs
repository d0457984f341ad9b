using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Tests.Reliability;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    /// <summary>How many messages the backend has moved to its poison queue.</summary>
    protected abstract Task<int> CountPoisonAsync(IDurableBackend backend);

    [Fact]
    public async Task EveryMessageDeliveredTwice_EachTaskIsAnsweredOnce()
    {
        await Host.DisposeWorkersAsync();
        var twice = new InterceptedBackend(Host.Backend, new DuplicatingInterceptor());
        await Host.StartWorkerAsync(twice);
        var client = new DurableClient(twice, Host.Clock);

        var sequence = await client.ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions(NewId()));
        var fan = await client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", 10, new StartOrchestrationOptions(NewId()));
        var events = await client.ScheduleNewOrchestrationInstanceAsync("TwoEvents", null, new StartOrchestrationOptions(NewId()));
        await client.RaiseEventAsync(events, "first", "1");
        await client.RaiseEventAsync(events, "second", "2");

        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], (await Host.WaitForCompletionAsync(sequence)).ReadOutputAs<List<string>>());
        Assert.Equal(385, (await Host.WaitForCompletionAsync(fan)).ReadOutputAs<int>());
        Assert.Equal(["1", "2"], (await Host.WaitForCompletionAsync(events)).ReadOutputAs<List<string>>());
        foreach (var id in new[] { sequence, fan, events })
        {
            var history = (await Host.Client.GetHistoryAsync(id))!;
            AssertEachTaskAnsweredOnce(history);
            Assert.Equal(history.OfType<EventRaisedEvent>().Count(), history.OfType<EventRaisedEvent>().Select(e => e.MessageId).Distinct().Count());
        }
    }

    [Fact]
    public async Task EventRedeliveredAfterContinueAsNew_IsNotAppliedToTheNewExecution()
    {
        var id = await Client.StartAsync("TickThenContinue", 0);
        await Host.WaitForHistoryAsync(id, e => e is ExecutionStartedEvent, "the first execution runs");
        var first = (await Host.Client.GetInstanceAsync(id))!.Raw.ExecutionId;
        var tick = new OrchestrationWorkItem("tick-a", id, null, new EventRaisedEvent(Host.Clock.GetUtcNow(), "tick", "\"a\"", "tick-a"));
        await Host.Backend.ControlQueue.SendAsync(tick, TimeSpan.Zero);
        await Testing.Eventually.TrueAsync(
            async () => (await Host.Client.GetHistoryAsync(id))!.OfType<ExecutionStartedEvent>().SingleOrDefault()?.ExecutionId is { } e && e != first,
            "the instance continued as new");

        await Host.Backend.ControlQueue.SendAsync(tick, TimeSpan.Zero); // a late copy of the consumed event
        await Host.Client.RaiseEventAsync(id, "tick", "b");

        Assert.Equal("b", (await Host.WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task CompetingWorkers_OnOneTaskHub_CompleteEverythingExactlyOnce(int workers)
    {
        for (var i = 1; i < workers; i++)
        {
            await Host.StartWorkerAsync();
        }

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await Client.StartAsync("FanOutFanIn", 8));
            ids.Add(await Client.StartAsync("HelloSequence"));
        }

        foreach (var id in ids)
        {
            var done = await Host.WaitForCompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            AssertEachTaskAnsweredOnce((await Host.Client.GetHistoryAsync(id))!);
        }
    }

    [Fact]
    public async Task CompletionArrivingBeforeItsScheduleEvent_IsHeldUntilTheScheduleExists()
    {
        await Host.DisposeWorkersAsync();
        var id = await Client.StartAsync("HelloSequence");
        var executionId = (await Host.Client.GetInstanceAsync(id))!.Raw.ExecutionId;
        var early = new OrchestrationWorkItem(Guid.NewGuid().ToString("N"), id, executionId, new TaskCompletedEvent(Host.Clock.GetUtcNow(), 1, "\"Hello early!\""));
        await Host.Backend.ControlQueue.SendAsync(early, TimeSpan.Zero);

        await Host.StartWorkerAsync();
        var done = await Host.WaitForCompletionAsync(id);

        var output = done.ReadOutputAs<List<string>>()!;
        Assert.Equal("Hello Tokyo!", output[0]);
        Assert.Contains(output[1], new[] { "Hello Seattle!", "Hello early!" });
        AssertEachTaskAnsweredOnce((await Host.Client.GetHistoryAsync(id))!);
    }

    [Fact]
    public async Task PoisonMessage_IsMovedAside_AndDoesNotBlockOthers()
    {
        await Host.DisposeWorkersAsync();
        Host.Options.MaxDequeueCount = 3;
        var bad = NewId("bad");
        await Host.StartWorkerAsync(new InterceptedBackend(Host.Backend, new PoisonInterceptor(bad)));

        await Client.StartAsync("HelloSequence", instanceId: bad);
        var good = await Client.StartAsync("HelloSequence");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Host.WaitForCompletionAsync(good)).RuntimeStatus);
        await Testing.Eventually.TrueAsync(async () => await CountPoisonAsync(Host.Backend) == 1, "the bad instance's start is in the poison queue");
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await Host.Client.GetInstanceAsync(bad))!.RuntimeStatus);
    }
}
