using FunctionsFlow.Durable;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Schedules;
using FunctionsFlow.Workflows.Tests.Support;
using Outcome = FunctionsFlow.Workflows.Schedules.ScheduleRunOutcome;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public abstract partial class ScheduleBehaviourTests
{
    [Fact]
    public async Task ThreeWorkers_EachDueTimeStartsExactlyOneExecution()
    {
        await App.StartWorkerAsync(Hub.OpenAgain());
        await App.StartWorkerAsync(Hub.OpenAgain());
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}"""), Overlap = OverlapPolicy.Allow });

        for (var run = 1; run <= 5; run++)
        {
            Clock.Advance(Minute);
            await WaitForAsync(schedule.Id, s => Started(s) == run, $"run {run} has started");
        }

        var after = (await Schedules.GetAsync(Owner, schedule.Id, Ct))!;
        Assert.Equal(Enumerable.Range(1, 5).Select(i => T0 + (i * Minute)), after.Progress.Runs.Select(r => r.DueAt));
        Assert.Equal(5, after.Progress.Runs.Select(r => r.ExecutionId).Distinct().Count());
        Assert.Equal(5, await CountExecutionsAsync(after));
    }

    [Fact]
    public async Task EightConcurrentTicks_ClaimEachDueTimeOnce()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}"""), Overlap = OverlapPolicy.Allow, CatchUp = CatchUpPolicy.All });
        await App.StopWorkersAsync();
        Clock.Advance(3 * Minute);

        var ticks = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Ticker.TickAsync(new ScheduleRef(Owner, schedule.Id), Ct))));

        Assert.All(ticks, tick => Assert.Equal(new ScheduleTick(T0 + (4 * Minute), Stop: false), tick));
        var after = (await Schedules.GetAsync(Owner, schedule.Id, Ct))!;
        Assert.Equal([T0 + Minute, T0 + (2 * Minute), T0 + (3 * Minute)], after.Progress.Runs.Select(r => r.DueAt));
        Assert.All(after.Progress.Runs, run => Assert.Equal(Outcome.Started, run.Outcome));
        Assert.Equal(3, await CountExecutionsAsync(after));
    }

    [Fact]
    public async Task Restart_KeepsTheSchedule_AndTheNewProcessFiresItsNextRun()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}""") });
        Clock.Advance(Minute);
        await WaitForAsync(schedule.Id, s => Started(s) == 1, "the first run has started");

        await RestartAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(T0 + (2 * Minute), (await Schedules.GetAsync(Owner, schedule.Id, Ct))!.Progress.NextRunAt);
        Clock.Advance(TimeSpan.FromSeconds(30));

        var after = await WaitForAsync(schedule.Id, s => Started(s) == 2, "the second run has started");
        Assert.Equal([T0 + Minute, T0 + (2 * Minute)], after.Progress.Runs.Select(r => r.DueAt));
        Assert.Equal(2, await CountExecutionsAsync(after));
    }

    [Fact]
    public async Task Rearm_StartsTheOrchestrationOfAnActiveScheduleThatLostIt()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}""") });
        var paused = await CreateAsync(Every(Minute, "slow") with { Paused = true });
        await App.Client.TerminateInstanceAsync(Driver(schedule), "lost", Ct);
        await Eventually.TrueAsync(
            async () => (await App.Client.GetInstanceAsync(Driver(schedule), Ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            "the schedule's orchestration has been terminated");

        Assert.Equal(1, await Schedules.RearmAsync(Ct));
        Assert.Equal(0, await Schedules.RearmAsync(Ct));

        Clock.Advance(Minute);
        await WaitForAsync(schedule.Id, s => Started(s) == 1, "the run has started");
        Assert.Equal(ScheduleStatus.Paused, (await Schedules.GetAsync(Owner, paused.Id, Ct))!.Status);
    }
}
