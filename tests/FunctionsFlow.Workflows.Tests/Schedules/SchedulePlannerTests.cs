using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Schedules;
using Outcome = FunctionsFlow.Workflows.Schedules.ScheduleRunOutcome;

namespace FunctionsFlow.Workflows.Tests.Schedules;

/// <summary>Each catch-up and overlap policy, pause and resume, as pure decisions of <see cref="SchedulePlanner"/>.</summary>
public sealed class SchedulePlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan TenMinutes = TimeSpan.FromMinutes(10);
    private static readonly ScheduleOptions Options = ScheduleOptions.Default;
    private static readonly Dictionary<string, OrchestrationRuntimeStatus?> NoneRunning = [];

    [Fact]
    public void Plan_OnTime_ClaimsTheDueRun_AndWakesAtTheNext()
    {
        var schedule = Every(TenMinutes);

        var plan = SchedulePlanner.Plan(schedule, T0.AddMinutes(10).AddSeconds(2), NoneRunning, Options);

        var run = Assert.Single(plan.Progress.Runs);
        Assert.Equal((T0.AddMinutes(10), Outcome.Starting, schedule.ExecutionIdFor(T0.AddMinutes(10))), (run.DueAt, run.Outcome, run.ExecutionId));
        Assert.Equal(run.ExecutionId, plan.Progress.LastExecutionId);
        Assert.Equal(T0.AddMinutes(10), plan.Progress.LastDueAt);
        Assert.Equal(T0.AddMinutes(20), plan.Progress.NextRunAt);
        Assert.Equal(T0.AddMinutes(20), plan.WakeAt);
        Assert.False(plan.Progress.Completed);
    }

    [Fact]
    public void Plan_Again_ForTheSameTime_ClaimsNothingMore()
    {
        var now = T0.AddMinutes(10);
        var once = Apply(Every(TenMinutes), now);

        var twice = SchedulePlanner.Plan(once, now, Running(once), Options);

        Assert.Equal(once.Progress, twice.Progress);
    }

    [Fact]
    public void Plan_BeforeTheFirstDueTime_ClaimsNothing()
    {
        var plan = SchedulePlanner.Plan(Every(TenMinutes), T0.AddMinutes(9), NoneRunning, Options);

        Assert.Empty(plan.Progress.Runs);
        Assert.Equal(T0.AddMinutes(10), plan.WakeAt);
    }

    [Theory]
    [InlineData(CatchUpPolicy.None, new int[0], new[] { 10, 20, 30 })]
    [InlineData(CatchUpPolicy.Latest, new[] { 30 }, new[] { 10, 20 })]
    [InlineData(CatchUpPolicy.All, new[] { 10, 20, 30 }, new int[0])]
    public void Plan_AfterDowntime_FollowsTheCatchUpPolicy(CatchUpPolicy catchUp, int[] started, int[] missed)
    {
        // Down from 09:05 to 09:35: the runs due at 09:10, 09:20 and 09:30 were missed (09:30 by five minutes).
        var plan = SchedulePlanner.Plan(Every(TenMinutes, OverlapPolicy.Allow, catchUp), T0.AddMinutes(35), NoneRunning, Options);

        Assert.Equal(started.Select(m => T0.AddMinutes(m)), DueTimes(plan, Outcome.Starting));
        Assert.Equal(missed.Select(m => T0.AddMinutes(m)), DueTimes(plan, Outcome.Missed));
        Assert.Equal(T0.AddMinutes(30), plan.Progress.LastDueAt);
        Assert.Equal(T0.AddMinutes(40), plan.WakeAt);
    }

    [Fact]
    public void Plan_CatchUpNone_StillStartsARunLateByLessThanTheMisfireThreshold()
    {
        var plan = SchedulePlanner.Plan(Every(TenMinutes, catchUp: CatchUpPolicy.None), T0.AddMinutes(10) + Options.MisfireThreshold, NoneRunning, Options);

        Assert.Equal([T0.AddMinutes(10)], DueTimes(plan, Outcome.Starting));
    }

    [Fact]
    public void Plan_CatchUpAll_StartsAtMostTheCap_TheMostRecentOnes()
    {
        var options = Options with { MaxCatchUpRuns = 2 };

        var plan = SchedulePlanner.Plan(Every(TenMinutes, OverlapPolicy.Allow, CatchUpPolicy.All), T0.AddMinutes(45), NoneRunning, options);

        Assert.Equal([T0.AddMinutes(30), T0.AddMinutes(40)], DueTimes(plan, Outcome.Starting));
        Assert.Equal([T0.AddMinutes(10), T0.AddMinutes(20)], DueTimes(plan, Outcome.Missed));
    }

    [Fact]
    public void Plan_CatchUpWindow_DropsRunsDueBeforeIt()
    {
        var schedule = Every(TenMinutes, OverlapPolicy.Allow, CatchUpPolicy.All, window: TimeSpan.FromMinutes(20));

        var plan = SchedulePlanner.Plan(schedule, T0.AddHours(3).AddMinutes(5), NoneRunning, Options);

        Assert.Equal([T0.AddHours(2).AddMinutes(50), T0.AddHours(3)], DueTimes(plan, Outcome.Starting));
        Assert.Equal(2, plan.Progress.Runs.Count);
        Assert.Equal(T0.AddHours(3).AddMinutes(10), plan.WakeAt);
    }

    [Fact]
    public void Plan_CatchUpAll_WithSkip_StartsTheOldest_AndSkipsTheRestWhileItRuns()
    {
        var plan = SchedulePlanner.Plan(Every(TenMinutes, OverlapPolicy.Skip, CatchUpPolicy.All), T0.AddMinutes(35), NoneRunning, Options);

        Assert.Equal([T0.AddMinutes(10)], DueTimes(plan, Outcome.Starting));
        Assert.Equal([T0.AddMinutes(20), T0.AddMinutes(30)], DueTimes(plan, Outcome.Skipped));
    }

    [Theory]
    [InlineData(OverlapPolicy.Skip, OrchestrationRuntimeStatus.Running, Outcome.Skipped)]
    [InlineData(OverlapPolicy.Skip, OrchestrationRuntimeStatus.Pending, Outcome.Skipped)]
    [InlineData(OverlapPolicy.Skip, OrchestrationRuntimeStatus.Suspended, Outcome.Skipped)]
    [InlineData(OverlapPolicy.Skip, OrchestrationRuntimeStatus.Completed, Outcome.Starting)]
    [InlineData(OverlapPolicy.Skip, OrchestrationRuntimeStatus.Failed, Outcome.Starting)]
    [InlineData(OverlapPolicy.Allow, OrchestrationRuntimeStatus.Running, Outcome.Starting)]
    [InlineData(OverlapPolicy.BufferOne, OrchestrationRuntimeStatus.Running, Outcome.Buffered)]
    [InlineData(OverlapPolicy.BufferOne, OrchestrationRuntimeStatus.Terminated, Outcome.Starting)]
    public void Plan_WhileThePreviousRunIs_FollowsTheOverlapPolicy(OverlapPolicy overlap, OrchestrationRuntimeStatus previous, Outcome expected)
    {
        var first = Started(Apply(Every(TenMinutes, overlap), T0.AddMinutes(10)));

        var plan = SchedulePlanner.Plan(first, T0.AddMinutes(20), Statuses(first, previous), Options);

        Assert.Equal(expected, plan.Progress.Runs[^1].Outcome);
        Assert.Equal(T0.AddMinutes(20), plan.Progress.Runs[^1].DueAt);
        Assert.Equal(previous, plan.Progress.Runs[0].ExecutionStatus);
    }

    [Fact]
    public void Plan_PreviousExecutionPurged_CountsAsEnded()
    {
        var first = Started(Apply(Every(TenMinutes), T0.AddMinutes(10)));
        var gone = new Dictionary<string, OrchestrationRuntimeStatus?> { [first.Progress.LastExecutionId!] = null };

        var plan = SchedulePlanner.Plan(first, T0.AddMinutes(20), gone, Options);

        Assert.Equal(Outcome.Starting, plan.Progress.Runs[^1].Outcome);
        Assert.Null(plan.Progress.Runs[0].ExecutionStatus);
        Assert.False(plan.Progress.Runs[0].IsLive);
    }

    [Fact]
    public void Plan_BufferOne_KeepsOneRunWaiting_SkipsFurtherOnes_AndStartsItWhenThePreviousEnds()
    {
        var first = Started(Apply(Every(TenMinutes, OverlapPolicy.BufferOne), T0.AddMinutes(10)));
        var running = Statuses(first, OrchestrationRuntimeStatus.Running);

        var buffered = SchedulePlanner.Plan(first, T0.AddMinutes(20), running, Options);
        Assert.Equal(T0.AddMinutes(20), buffered.Progress.BufferedDueAt);
        Assert.Equal(T0.AddMinutes(20) + Options.BufferPollInterval, buffered.WakeAt);

        var stillRunning = SchedulePlanner.Plan(first with { Progress = buffered.Progress }, T0.AddMinutes(30), running, Options);
        Assert.Equal([T0.AddMinutes(20)], DueTimes(stillRunning, Outcome.Buffered));
        Assert.Equal([T0.AddMinutes(30)], DueTimes(stillRunning, Outcome.Skipped));

        var ended = SchedulePlanner.Plan(first with { Progress = stillRunning.Progress }, T0.AddMinutes(31), Statuses(first, OrchestrationRuntimeStatus.Completed), Options);
        Assert.Null(ended.Progress.BufferedDueAt);
        Assert.Empty(DueTimes(ended, Outcome.Buffered));
        var started = Assert.Single(ended.Progress.Runs, run => run.Outcome == Outcome.Starting);
        Assert.Equal((T0.AddMinutes(20), first.ExecutionIdFor(T0.AddMinutes(20))), (started.DueAt, started.ExecutionId));
        Assert.Equal(T0.AddMinutes(40), ended.WakeAt);
    }

    [Fact]
    public void PauseAndResume_NothingStartsWhilePaused_AndTimesThatPassedAreNotCaughtUp()
    {
        var schedule = Every(TenMinutes, OverlapPolicy.BufferOne, CatchUpPolicy.All);
        var first = Started(Apply(schedule, T0.AddMinutes(10)));
        var buffered = first with { Progress = SchedulePlanner.Plan(first, T0.AddMinutes(20), Statuses(first, OrchestrationRuntimeStatus.Running), Options).Progress };

        var paused = buffered with { Progress = SchedulePlanner.Pause(buffered) };
        Assert.True(paused.Progress.Paused);
        Assert.Equal(ScheduleStatus.Paused, paused.Status);
        Assert.Null(paused.Progress.NextRunAt);
        Assert.Null(paused.Progress.BufferedDueAt);
        Assert.Equal(Outcome.Skipped, paused.Progress.Runs[^1].Outcome);
        var whilePaused = SchedulePlanner.Plan(paused, T0.AddHours(2), NoneRunning, Options);
        Assert.Null(whilePaused.WakeAt);
        Assert.Equal(paused.Progress.Runs, whilePaused.Progress.Runs);

        var resumed = paused with { Progress = SchedulePlanner.Resume(paused, T0.AddHours(2).AddMinutes(5)) };
        Assert.Equal(T0.AddHours(2).AddMinutes(10), resumed.Progress.NextRunAt);
        var afterResume = SchedulePlanner.Plan(resumed, T0.AddHours(2).AddMinutes(10), NoneRunning, Options);
        Assert.Equal([T0.AddMinutes(10), T0.AddHours(2).AddMinutes(10)], afterResume.Progress.Runs.Where(r => r.ExecutionId is not null).Select(r => r.DueAt));
    }

    [Fact]
    public void Once_RunsAtItsTime_ThenCompletes()
    {
        var definition = Definition(new ScheduleTrigger(Once: new OnceTrigger(T0.AddHours(1))), OverlapPolicy.Skip, CatchUpPolicy.Latest, TimeSpan.FromDays(1));
        var schedule = Create(definition);

        var plan = SchedulePlanner.Plan(schedule, T0.AddHours(1), NoneRunning, Options);

        Assert.Equal([T0.AddHours(1)], DueTimes(plan, Outcome.Starting));
        Assert.True(plan.Progress.Completed);
        Assert.Null(plan.Progress.NextRunAt);
        Assert.Null(plan.WakeAt);
        Assert.Equal(plan.Progress, SchedulePlanner.Pause(schedule with { Progress = plan.Progress }));
    }

    [Fact]
    public void Record_ReplacesTheClaims_WithWhatCameOfThem()
    {
        var claimed = Apply(Every(TenMinutes), T0.AddMinutes(10));
        var run = claimed.Progress.Runs[0];

        var recorded = SchedulePlanner.Record(claimed.Progress, [run with { Outcome = Outcome.StartFailed, Detail = "gone" }]);

        Assert.Equal((Outcome.StartFailed, "gone"), (recorded.Runs[0].Outcome, recorded.Runs[0].Detail));
    }

    [Fact]
    public void RecentRuns_KeepTheConfiguredNumber_ButNeverDropARunBeingStarted()
    {
        var options = Options with { MaxRecentRuns = 3, MaxCatchUpRuns = 5 };

        var plan = SchedulePlanner.Plan(Every(TenMinutes, OverlapPolicy.Allow, CatchUpPolicy.All), T0.AddMinutes(55), NoneRunning, options);

        Assert.Equal(5, plan.Progress.Runs.Count);
        Assert.All(plan.Progress.Runs, run => Assert.Equal(Outcome.Starting, run.Outcome));
        var recorded = SchedulePlanner.Plan(Started(Every(TenMinutes, OverlapPolicy.Allow) with { Progress = plan.Progress }), T0.AddMinutes(60), NoneRunning, options);
        Assert.Equal([T0.AddMinutes(40), T0.AddMinutes(50), T0.AddMinutes(60)], recorded.Progress.Runs.Select(r => r.DueAt));
    }

    internal static ScheduleDefinition Definition(ScheduleTrigger trigger, OverlapPolicy overlap, CatchUpPolicy catchUp, TimeSpan window) =>
        new("nightly", null, trigger, overlap, catchUp, window);

    private static Schedule Every(TimeSpan every, OverlapPolicy overlap = OverlapPolicy.Skip, CatchUpPolicy catchUp = CatchUpPolicy.Latest, TimeSpan? window = null) =>
        Create(Definition(new ScheduleTrigger(Interval: new IntervalTrigger(every)), overlap, catchUp, window ?? TimeSpan.FromDays(1)));

    private static Schedule Create(ScheduleDefinition definition) =>
        new("alice", "s1", definition, SchedulePlanner.Initial(definition, T0, paused: false), "g1", T0, T0, string.Empty);

    /// <summary>The schedule after a tick at <paramref name="now"/> with nothing running.</summary>
    private static Schedule Apply(Schedule schedule, DateTimeOffset now) =>
        schedule with { Progress = SchedulePlanner.Plan(schedule, now, NoneRunning, Options).Progress };

    /// <summary>The schedule with its claimed runs started and running.</summary>
    private static Schedule Started(Schedule schedule) => schedule with
    {
        Progress = SchedulePlanner.Record(
            schedule.Progress,
            [.. schedule.Progress.Runs.Where(r => r.Outcome == Outcome.Starting).Select(r => r with { Outcome = Outcome.Started, ExecutionStatus = OrchestrationRuntimeStatus.Running })]),
    };

    private static Dictionary<string, OrchestrationRuntimeStatus?> Statuses(Schedule schedule, OrchestrationRuntimeStatus status) =>
        SchedulePlanner.ExecutionsToWatch(schedule.Progress).ToDictionary(id => id, _ => (OrchestrationRuntimeStatus?)status);

    private static Dictionary<string, OrchestrationRuntimeStatus?> Running(Schedule schedule) => Statuses(schedule, OrchestrationRuntimeStatus.Running);

    private static IEnumerable<DateTimeOffset> DueTimes(SchedulePlan plan, Outcome outcome) =>
        plan.Progress.Runs.Where(run => run.Outcome == outcome).Select(run => run.DueAt);
}
