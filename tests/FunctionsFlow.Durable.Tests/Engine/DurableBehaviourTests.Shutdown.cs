using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task GracefulStop_LetsTheActivityInProgressFinish_AndItsResultIsKept()
    {
        var started = new TaskCompletionSource();
        var gate = new TaskCompletionSource();
        Host.Registry.AddActivityFunc<int, int>("Blocking", async (_, n) =>
        {
            started.TrySetResult();
            await gate.Task;
            return n;
        });
        Host.Registry.AddOrchestratorFunc<int, int>("UsesBlocking", async (ctx, n) => await ctx.CallActivityAsync<int>("Blocking", n));
        await Host.DisposeWorkersAsync();
        var worker = await Host.StartWorkerAsync();
        var id = await Client.StartAsync("UsesBlocking", 7);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var stopping = Host.StopWorkerAsync(worker);
        gate.SetResult();
        await stopping;

        // Stopped, with the activity finished: its request is gone and its answer waits on the control queue.
        Assert.Equal(0, await Host.Backend.ActivityQueue.GetApproximateCountAsync());
        Assert.Equal(1, await Host.Backend.ControlQueue.GetApproximateCountAsync());
        await Host.StartWorkerAsync();
        Assert.Equal(7, (await Host.WaitForCompletionAsync(id)).ReadOutputAs<int>());
        Assert.Single((await Host.Client.GetHistoryAsync(id))!.OfType<TaskCompletedEvent>());
    }
}
