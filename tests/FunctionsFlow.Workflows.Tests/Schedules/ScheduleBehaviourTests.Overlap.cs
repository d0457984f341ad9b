using FunctionsFlow.Durable;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Schedules;
using FunctionsFlow.Workflows.Tests.Support;
using Outcome = FunctionsFlow.Workflows.Schedules.ScheduleRunOutcome;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public abstract partial class ScheduleBehaviourTests
{
    [Fact]
    public async Task OverlapSkip_SkipsTheRunDueWhileThePreviousRuns_AndStartsOnceItHasEnded()
    {
        var schedule = await CreateAsync(Every(Minute, "slow") with { Overlap = OverlapPolicy.Skip });
        var first = await NextRunAsync(schedule, Outcome.Started);

        await NextRunAsync(schedule, Outcome.Skipped);
        await EndAsync(first);
        await NextRunAsync(schedule, Outcome.Started);

        var after = (await Schedules.GetAsync(Owner, schedule.Id, Ct))!;
        Assert.Equal([Outcome.Started, Outcome.Skipped, Outcome.Started], after.Progress.Runs.Select(r => r.Outcome));
        Assert.Equal(2, await CountExecutionsAsync(after));
    }

    [Fact]
    public async Task OverlapAllow_StartsEachRun_WhileThePreviousOnesRun()
    {
        var schedule = await CreateAsync(Every(Minute, "slow") with { Overlap = OverlapPolicy.Allow });

        await NextRunAsync(schedule, Outcome.Started);
        await NextRunAsync(schedule, Outcome.Started);
        var after = await WaitForAsync(schedule.Id, s => s.Progress.Runs.All(r => r.ExecutionStatus == OrchestrationRuntimeStatus.Running), "both runs are running");

        Assert.Equal(2, await CountExecutionsAsync(after));
    }

    [Fact]
    public async Task OverlapBufferOne_StartsTheWaitingRunSoonAfterThePreviousEnds_AndSkipsFurtherOnes()
    {
        var schedule = await CreateAsync(Every(Minute, "slow") with { Overlap = OverlapPolicy.BufferOne });
        var first = await NextRunAsync(schedule, Outcome.Started);
        await NextRunAsync(schedule, Outcome.Buffered);
        await NextRunAsync(schedule, Outcome.Skipped);

        await EndAsync(first);
        Clock.Advance(Schedules.Options.BufferPollInterval);

        var after = await WaitForAsync(schedule.Id, s => Started(s) == 2, "the buffered run has started");
        Assert.Equal([Outcome.Started, Outcome.Started, Outcome.Skipped], after.Progress.Runs.Select(r => r.Outcome));
        Assert.Equal(schedule.ExecutionIdFor(T0 + (2 * Minute)), after.Progress.Runs[1].ExecutionId);
        Assert.Equal(T0 + (4 * Minute), after.Progress.NextRunAt);
    }

    [Fact]
    public async Task WorkflowDeletedLater_ItsRunFailsToStart_AndTheScheduleGoesOn()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}""") });
        await Repository.DeleteAsync(Owner, "quick", Ct);

        var failed = await NextRunAsync(schedule, Outcome.StartFailed);

        Assert.Contains("No workflow 'quick'", failed.Detail, StringComparison.Ordinal);
        var after = (await Schedules.GetAsync(Owner, schedule.Id, Ct))!;
        Assert.Equal((ScheduleStatus.Active, T0 + (2 * Minute)), (after.Status, after.Progress.NextRunAt));
    }

    [Fact]
    public async Task Create_RefusesAWorkflowThatCannotRun_AndATakenId()
    {
        await Repository.SaveDraftAsync(Owner, "draft-only", "Draft", null, TestWorkflows.Echo("draft-only"), WorkflowContentTypes.Yaml, null, Ct);

        Assert.Equal(WorkflowStartRefusal.NotFound, (await Schedules.CreateAsync(Owner, Every(Minute, "nope"), cancellationToken: Ct)).Refused?.Refusal);
        Assert.Equal(WorkflowStartRefusal.NotPublished, (await Schedules.CreateAsync(Owner, Every(Minute, "draft-only"), cancellationToken: Ct)).Refused?.Refusal);
        var invalid = await Schedules.CreateAsync(Owner, Every(Minute, "quick") with { Input = Json.Parse("""{"n": "many"}""") }, cancellationToken: Ct);
        Assert.Equal(WorkflowStartRefusal.InvalidInput, invalid.Refused?.Refusal);
        Assert.Equal("$.n", Assert.Single(invalid.Refused!.InputErrors).Path);
        Assert.Equal(WorkflowStartRefusal.NotFound, (await Schedules.CreateAsync("bob", Every(Minute, "quick"), cancellationToken: Ct)).Refused?.Refusal);

        var named = await CreateAsync(Every(Minute, "slow") with { Id = "nightly" });
        Assert.Equal("nightly", named.Id);
        Assert.True((await Schedules.CreateAsync(Owner, Every(Minute, "slow") with { Id = "nightly" }, cancellationToken: Ct)).IdTaken);
    }

    [Fact]
    public async Task AnotherOwner_CannotSee_Pause_Resume_OrDelete_ASchedule()
    {
        var schedule = await CreateAsync(Every(Minute, "slow"));

        Assert.Null(await Schedules.GetAsync("bob", schedule.Id, Ct));
        Assert.Empty((await Schedules.ListAsync("bob", cancellationToken: Ct)).Items);
        Assert.Null(await Schedules.PauseAsync("bob", schedule.Id, Ct));
        Assert.Null(await Schedules.ResumeAsync("bob", schedule.Id, Ct));
        Assert.False(await Schedules.DeleteAsync("bob", schedule.Id, Ct));

        var mine = await Schedules.ListAsync(Owner, cancellationToken: Ct);
        Assert.Equal([(schedule.Id, ScheduleStatus.Active)], mine.Items.Select(s => (s.Id, s.Status)));
    }

    /// <summary>Moves the clock to the next minute and waits until the schedule has handled that due time with <paramref name="outcome"/>.</summary>
    private async Task<ScheduleRun> NextRunAsync(Schedule schedule, Outcome outcome)
    {
        var due = (await Schedules.GetAsync(Owner, schedule.Id, Ct))!.Progress.NextRunAt!.Value;
        Clock.Advance(due - Clock.GetUtcNow());
        var after = await WaitForAsync(schedule.Id, s => s.Progress.Runs.Any(r => r.DueAt == due && r.Outcome == outcome), $"the run due at {due:T} is {outcome}");
        return after.Progress.Runs.Single(r => r.DueAt == due);
    }

    /// <summary>Ends a run's execution (it would otherwise run for thirty days).</summary>
    private async Task EndAsync(ScheduleRun run)
    {
        await App.Client.TerminateInstanceAsync(run.ExecutionId!, "done", Ct);
        await Eventually.TrueAsync(
            async () => (await App.Client.GetInstanceAsync(run.ExecutionId!, Ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Terminated,
            $"{run.ExecutionId} has ended");
    }
}
