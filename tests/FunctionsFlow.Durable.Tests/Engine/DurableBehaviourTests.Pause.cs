using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Worker;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task Pause_LetsRunningWorkFinish_TakesNothingNew_AndResumeGoesOnWhereEachInstanceStopped()
    {
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        Host.Registry.AddActivityFunc<int, int>("BlockingTwice", async (_, n) =>
        {
            started.TrySetResult();
            await gate.Task;
            return n * 2;
        });
        Host.Registry.AddOrchestratorFunc<int, int>("DoublesTwice", async (ctx, n) =>
            await ctx.CallActivityAsync<int>("BlockingTwice", await ctx.CallActivityAsync<int>("BlockingTwice", n)));
        var pause = new DispatchPause();
        Host.Options.Pause = pause;
        await Host.DisposeWorkersAsync();
        await Host.StartWorkerAsync();
        var first = await Client.StartAsync("DoublesTwice", 1);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        pause.Pause();
        var second = await Client.StartAsync("HelloSequence");
        gate.SetResult(); // the activity in progress finishes; its answer waits on the control queue with the new start

        await Eventually(async () => await Host.Backend.ControlQueue.GetApproximateCountAsync() == 2);
        var observed = DateTime.UtcNow; // a window of wall-clock polls (the worker polls every few milliseconds when free)
        while (DateTime.UtcNow - observed < TimeSpan.FromMilliseconds(300))
        {
            Assert.Equal(2, await Host.Backend.ControlQueue.GetApproximateCountAsync());
            Assert.Equal(0, await Host.Backend.ActivityQueue.GetApproximateCountAsync());
            await Task.Delay(25);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await Host.Client.GetInstanceAsync(second))!.RuntimeStatus);
        Assert.Single((await Host.Client.GetHistoryAsync(first))!.OfType<TaskScheduledEvent>());

        pause.Resume();

        Assert.Equal(4, (await Host.WaitForCompletionAsync(first)).ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await Host.WaitForCompletionAsync(second)).RuntimeStatus);
        AssertEachTaskAnsweredOnce((await Host.Client.GetHistoryAsync(first))!);
    }
}
