using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task Timer_FiresOnlyWhenTheClockReachesIt()
    {
        var started = Host.Clock.GetUtcNow();
        var id = await Client.StartAsync("Sleeper", TimeSpan.FromHours(1));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the timer exists");
        Host.Clock.Advance(TimeSpan.FromMinutes(59));
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        Assert.DoesNotContain((await Host.Client.GetHistoryAsync(id))!, e => e is TimerFiredEvent);

        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        var done = await Host.WaitForCompletionAsync(id);

        var wokeAt = DateTimeOffset.Parse(done.ReadOutputAs<string>()!["woke at ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(wokeAt >= started.AddHours(1), $"woke at {wokeAt:o}, before the timer was due");
        Assert.Single((await Host.Client.GetHistoryAsync(id))!.OfType<TimerFiredEvent>());
    }

    [Fact]
    public async Task Timer_LongerThanTheQueueLimit_HopsAndFiresOnce()
    {
        var id = await Client.StartAsync("Sleeper", TimeSpan.FromDays(30));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the timer exists");

        for (var day = 0; day < 31; day += 3)
        {
            Host.Clock.Advance(TimeSpan.FromDays(3));
        }

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Single((await Host.Client.GetHistoryAsync(id))!.OfType<TimerFiredEvent>());
    }

    [Fact]
    public async Task Timer_ThatCameDueWhileNoWorkerRan_FiresOnceWhenOneStarts()
    {
        var id = await Client.StartAsync("Sleeper", TimeSpan.FromHours(2));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the timer exists");
        await Host.DisposeWorkersAsync();

        Host.Clock.Advance(TimeSpan.FromHours(3));
        await Host.StartWorkerAsync();
        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Single((await Host.Client.GetHistoryAsync(id))!.OfType<TimerFiredEvent>());
    }

    [Fact]
    public async Task WaitForEvent_ReceivesThePayload()
    {
        var id = await Client.StartAsync("Approval", TimeSpan.FromDays(1));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the instance waits");

        await Host.Client.RaiseEventAsync(id, "approval", "approved by Ann");

        Assert.Equal("approved by Ann", (await Host.WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task WaitForEvent_WithTimeout_TimesOutOnTheClock()
    {
        var id = await Client.StartAsync("Approval", TimeSpan.FromHours(4));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the instance waits");

        Host.Clock.Advance(TimeSpan.FromHours(4));

        Assert.Equal("timed-out", (await Host.WaitForCompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task EventsRaisedBeforeTheWait_AreKeptAndDeliveredByName()
    {
        var id = NewId();
        await Client.StartAsync("TwoEvents", instanceId: id);
        await Host.Client.RaiseEventAsync(id, "second", "b");
        await Host.Client.RaiseEventAsync(id, "first", "a");

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(["a", "b"], done.ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task TimedOutWait_DoesNotSwallowTheNextEventOfThatName()
    {
        var id = await Client.StartAsync("TimeoutThenWaitAgain", TimeSpan.FromHours(1));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the instance waits");
        Host.Clock.Advance(TimeSpan.FromHours(1));
        await Host.WaitForHistoryAsync(id, e => e is TimerFiredEvent, "the wait timed out");

        await Host.Client.RaiseEventAsync(id, "ping", "pong");

        Assert.Equal(["timed-out", "pong"], (await Host.WaitForCompletionAsync(id)).ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task SendEvent_FromAnOrchestration_ReachesTheOtherInstance()
    {
        var receiver = await Client.StartAsync("TwoEvents");
        var sender = await Client.StartAsync("Pinger", receiver);

        Assert.Equal("sent", (await Host.WaitForCompletionAsync(sender)).ReadOutputAs<string>());
        Assert.Equal(["from pinger", "again"], (await Host.WaitForCompletionAsync(receiver)).ReadOutputAs<List<string>>());
    }

    [Fact]
    public async Task SuspendedInstance_KeepsEventsUntilResumed()
    {
        var id = await Client.StartAsync("Status");
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Host.Client.SuspendInstanceAsync(id, "maintenance");
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);

        await Host.Client.RaiseEventAsync(id, "go", "later");
        await Host.WaitForHistoryAsync(id, e => e is EventRaisedEvent, "the event is recorded");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await Host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await Host.Client.ResumeInstanceAsync(id, "done");
        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal("later", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Terminate_StopsAWaitingInstanceWithTheReason()
    {
        var id = await Client.StartAsync("Approval", TimeSpan.FromDays(3));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the instance waits");

        await Host.Client.TerminateInstanceAsync(id, "no longer needed");
        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("no longer needed", done.ReadOutputAs<string>());
    }
}
