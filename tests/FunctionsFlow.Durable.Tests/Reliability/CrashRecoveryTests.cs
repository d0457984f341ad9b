using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Tests.Engine;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.Reliability;

/// <summary>A process that dies at any storage call, before or after the call took effect, loses nothing:
/// a new worker finishes the instance and every task is answered exactly once. Each backend derives from this.</summary>
public abstract class CrashRecoveryTests
{
    protected abstract Task<IDurableBackend> CreateBackendAsync(ManualTimeProvider clock);

    protected virtual Task DeleteBackendAsync(IDurableBackend backend) => Task.CompletedTask;

    /// <summary>How long received messages stay hidden (wall-clock for real queues, so keep it short there).</summary>
    protected virtual TimeSpan VisibilityTimeout => TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CrashAtEveryStorageCall_TheInstanceStillCompletes_WithEachTaskAnsweredOnce(bool afterTheCall)
    {
        var healthy = await RunAsync(crashAt: int.MaxValue, afterTheCall);
        Assert.False(healthy.Crashed);
        Assert.True(healthy.Calls > 10, $"a healthy run made only {healthy.Calls} calls");

        for (var n = 1; n <= healthy.Calls; n++)
        {
            var run = await RunAsync(n, afterTheCall);
            Assert.True(run.Crashed, $"the run meant to crash at call {n} of {healthy.Calls} did not");
        }
    }

    private async Task<CrashInterceptor> RunAsync(int crashAt, bool afterTheCall)
    {
        var clock = new ManualTimeProvider();
        var backend = await CreateBackendAsync(clock);
        var options = DurableTestHost.FastOptions();
        options.VisibilityTimeout = VisibilityTimeout;
        var crash = new CrashInterceptor(crashAt, afterTheCall);
        var doomed = new InterceptedBackend(backend, crash);
        var id = $"crash-{crashAt}-{Guid.NewGuid():N}";
        await using var host = new DurableTestHost(backend, clock, TestOrchestrations.Register(new DurableTaskRegistry()), options);
        try
        {
            try
            {
                await new DurableClient(doomed, clock).ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions(id));
                await host.StartWorkerAsync(doomed);
                await Eventually.TrueAsync(
                    async () => crash.Crashed || (await host.Client.GetInstanceAsync(id))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
                    $"the process crashes at call {crashAt} or the instance completes");
            }
            catch (SimulatedCrashException)
            {
                // The client died while starting: its caller got an error and will try again below.
            }

            await host.DisposeWorkersAsync();

            // The caller of a start that failed tries again (a no-op when the start did get through).
            if (await host.Client.GetInstanceAsync(id) is null)
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync("HelloSequence", null, new StartOrchestrationOptions(id));
            }

            // Messages the dead process held come back after their visibility timeout; a start left Pending is swept.
            clock.Advance(VisibilityTimeout + options.PendingStartRecoveryAge + TimeSpan.FromSeconds(1));
            await host.StartWorkerAsync();
            var done = await host.WaitForCompletionAsync(id, TimeSpan.FromSeconds(60));

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], done.ReadOutputAs<List<string>>());
            var history = (await host.Client.GetHistoryAsync(id))!;
            Assert.Equal(3, history.OfType<History.TaskCompletedEvent>().Count());
            AssertAnsweredOnce(history);
            return crash;
        }
        finally
        {
            await host.DisposeWorkersAsync();
            await DeleteBackendAsync(backend);
        }
    }

    private static void AssertAnsweredOnce(IReadOnlyList<History.HistoryEvent> history)
    {
        var scheduled = history.OfType<History.TaskScheduledEvent>().Select(e => e.EventId).ToList();
        var answered = history.OfType<History.TaskCompletedEvent>().Select(e => e.TaskScheduledId).ToList();
        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        Assert.Equal(scheduled.Order(), answered.Order());
    }
}

/// <summary>The crash suite on the in-memory backend.</summary>
public sealed class InMemoryCrashRecoveryTests : CrashRecoveryTests
{
    protected override Task<IDurableBackend> CreateBackendAsync(ManualTimeProvider clock) =>
        Task.FromResult<IDurableBackend>(new Backend.InMemory.InMemoryBackend(clock));
}
