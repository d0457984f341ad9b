using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task Activities_InSequence_ReturnTheirResultsInOrder()
    {
        var id = await Client.StartAsync("HelloSequence");

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], done.ReadOutputAs<List<string>>());
        var history = (await Host.Client.GetHistoryAsync(id))!;
        Assert.Equal(3, history.OfType<TaskCompletedEvent>().Count());
        AssertEachTaskAnsweredOnce(history);
    }

    [Fact]
    public async Task FanOutFanIn_WithWhenAll_SumsEveryResult()
    {
        var id = await Client.StartAsync("FanOutFanIn", 20);

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(Enumerable.Range(1, 20).Sum(i => i * i), done.ReadOutputAs<int>());
        AssertEachTaskAnsweredOnce((await Host.Client.GetHistoryAsync(id))!);
    }

    [Fact]
    public async Task FailingActivity_Uncaught_FailsTheInstanceWithDetails()
    {
        var id = await Client.StartAsync("Failing", "boom");

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("boom", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingActivity_Caught_GivesTheOrchestratorTheFailureDetails()
    {
        var id = await Client.StartAsync("CatchFailure", "nope");

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal("caught System.InvalidOperationException: nope", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RetryPolicy_RetriesOnDurableTimers_ThenSucceeds()
    {
        var id = await Client.StartAsync("RetryEcho", 42);
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the first retry timer exists");
        Host.Clock.Advance(TimeSpan.FromMinutes(1));
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent { EventId: > 1 }, "the second retry timer exists");
        Host.Clock.Advance(TimeSpan.FromMinutes(1));

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(3, TestOrchestrations.Flags[id + ":attempts"]);
        Assert.Equal(2, (await Host.Client.GetHistoryAsync(id))!.OfType<TaskFailedEvent>().Count());
    }

    [Fact]
    public async Task RetryPolicy_WhenAttemptsRunOut_FailsWithTheLastError()
    {
        var id = await Client.StartAsync("RetryExhausted", 7);
        await Host.WaitForHistoryAsync(id, e => e is TimerCreatedEvent, "the retry timer exists");
        Host.Clock.Advance(TimeSpan.FromMinutes(1));

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("attempt 2 failed", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubOrchestration_ReturnsItsOutputToTheParent()
    {
        var id = await Client.StartAsync("Parent", 3);

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(1 + 4 + 9 + 1, done.ReadOutputAs<int>());
        var child = (await Host.Client.GetHistoryAsync(id))!.OfType<SubOrchestrationCreatedEvent>().Single();
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Host.Client.GetInstanceAsync(child.InstanceId))!.RuntimeStatus);
    }

    [Fact]
    public async Task SubOrchestration_WithAFixedId_RunsAgainWhenFinished_AndFailsFastWhenBusy()
    {
        var childId = NewId("child");
        await Client.StartAsync("Status", instanceId: childId + "-busy");

        var done = await Host.WaitForCompletionAsync(await Client.StartAsync("FixedChildTwice", childId));

        Assert.Equal("5,14,busy", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Host.Client.GetInstanceAsync(childId + "-busy"))!.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_StartsAFreshHistoryWithTheNewInput()
    {
        var id = await Client.StartAsync("Counter", 1);

        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(3, done.ReadOutputAs<int>());
        var history = (await Host.Client.GetHistoryAsync(id))!;
        Assert.Equal("3", history.OfType<ExecutionStartedEvent>().Single().Input);
        Assert.Single(history.OfType<TaskScheduledEvent>());
    }

    [Fact]
    public async Task CustomStatus_IsVisibleWhileTheInstanceWaits()
    {
        var id = await Client.StartAsync("Status");
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        await Testing.Eventually.TrueAsync(async () => (await Host.Client.GetInstanceAsync(id))!.SerializedCustomStatus is not null, "custom status is set");

        var status = await Host.Client.GetInstanceAsync(id);

        Assert.Equal("""{"step":"waiting"}""", status!.SerializedCustomStatus);
    }

    [Fact]
    public async Task NewGuid_IsStableAcrossReplaysAndDistinctWithinOne()
    {
        var id = await Client.StartAsync("Guids");

        var output = (await Host.WaitForCompletionAsync(id)).ReadOutputAs<string>()!.Split('|');

        Assert.NotEqual(output[0], output[1]);
        Assert.All(output, g => Assert.Equal(8, Guid.Parse(g).Version));
    }

    [Fact]
    public async Task ChangedCode_OnReplay_FailsWithAMessageNamingTheStepAndTheChange()
    {
        var id = await Client.StartAsync("ChangesItsMind");
        await Host.WaitForHistoryAsync(id, e => e is TaskCompletedEvent, "the first activity completed");
        TestOrchestrations.Flags[id] = 1;

        await Host.Client.RaiseEventAsync(id, "go", "now");
        var done = await Host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("#0", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'SayHello'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Square'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }
}
