using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Schedules;
using FunctionsFlow.Workflows.Tests.Support;
using FunctionsFlow.Workflows.Variables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Outcome = FunctionsFlow.Workflows.Schedules.ScheduleRunOutcome;

namespace FunctionsFlow.Workflows.Tests.Schedules;

/// <summary>Schedules driven by their orchestrations on a manual clock, the same on every backend: each backend's test
/// class derives from this. Workflows and schedule rows live in tables of the test's own on Azurite.</summary>
/// <remarks>A worker stopped while it holds messages it has received but not dispatched leaves them hidden until their
/// visibility timeout ends (five minutes by default; see docs/schedules.md), so a restart delays a schedule by up to that
/// long. Where queues keep wall-clock time, <paramref name="redeliverAfter"/> shortens it, so the restart tests see the
/// message come back within their patience.</remarks>
public abstract partial class ScheduleBehaviourTests(TestHubs hubs, AzuriteFixture azurite, TimeSpan? redeliverAfter = null) : WorkflowHostTests(hubs)
{
    private const string Owner = "alice";

    /// <summary>Returns its input's <c>n</c> at once.</summary>
    private static readonly string Quick = TestWorkflows.Echo("quick");

    /// <summary>Runs for thirty days (of the manual clock), so it is still running at the next due time.</summary>
    private const string Slow = """
        id: slow
        name: Slow
        steps:
          - {id: wait, delay: P30D}
        """;

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly string _tables = AzuriteFixture.NewName("sch");

    private WorkflowTestHost? _restarted;

    private DateTimeOffset T0 { get; set; }

    /// <summary>The host of the app's current process: the first, or the one started after a restart.</summary>
    private WorkflowTestHost App => _restarted ?? Host;

    private ScheduleService Schedules => App.Services.GetRequiredService<ScheduleService>();

    private ScheduleTicker Ticker => App.Services.GetRequiredService<ScheduleTicker>();

    private WorkflowRepository Repository => App.Services.GetRequiredService<WorkflowRepository>();

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        T0 = Clock.GetUtcNow();
        await Repository.CreateIfNotExistsAsync(Ct);
        await Host.Services.GetRequiredService<ScheduleStore>().CreateIfNotExistsAsync(Ct);
        foreach (var source in new[] { Quick, Slow })
        {
            var id = source.Split('\n')[0]["id: ".Length..].Trim();
            await Repository.SaveDraftAsync(Owner, id, id, null, source, WorkflowContentTypes.Yaml, null, Ct);
            await Repository.PublishAsync(Owner, id, Ct);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        var factory = azurite.CreateFactory();
        await base.DisposeAsync();
        await new WorkflowRepository(factory, _tables, Clock).DeleteStorageAsync(CancellationToken.None);
        await new ScheduleStore(factory, _tables).DeleteStorageAsync(CancellationToken.None);
    }

    protected override void Extend(IServiceCollection services, DurableTaskRegistry registry, DurableWorkerOptions options)
    {
        options.VisibilityTimeout = redeliverAfter ?? options.VisibilityTimeout;
        registry.AddInterpreterTasks().AddSchedules();
        services
            .AddSingleton(new WorkflowRepository(azurite.CreateFactory(), _tables, Clock))
            .AddSingleton(new ScheduleStore(azurite.CreateFactory(), _tables))
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddScheduleServices();
    }

    [Fact]
    public async Task EveryMinute_StartsThePublishedWorkflowAtEachDueTime_WithItsInput_AndRecordsEachRun()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 7}"""), Overlap = OverlapPolicy.Allow });
        Assert.Equal(T0 + Minute, schedule.Progress.NextRunAt);

        for (var run = 1; run <= 3; run++)
        {
            Clock.Advance(Minute);
            await WaitForAsync(schedule.Id, s => Started(s) == run, $"run {run} has started");
        }

        var after = await WaitForAsync(schedule.Id, s => s.Progress.Runs.All(r => r.ExecutionStatus == OrchestrationRuntimeStatus.Completed), "every run has completed");
        Assert.Equal([T0 + Minute, T0 + (2 * Minute), T0 + (3 * Minute)], after.Progress.Runs.Select(r => r.DueAt));
        Assert.Equal(after.Progress.Runs.Select(r => r.DueAt), after.Progress.Runs.Select(r => r.StartedAt!.Value));
        Assert.Equal(T0 + (4 * Minute), after.Progress.NextRunAt);
        var execution = await App.Client.GetInstanceAsync(after.Progress.Runs[0].ExecutionId!, Ct);
        Assert.Equal(schedule.ExecutionIdFor(T0 + Minute), execution!.InstanceId);
        Assert.Equal(7, JsonSerializer.Deserialize<JsonElement>(execution.SerializedOutput!).GetProperty("n").GetInt32());
        Assert.Equal((Owner, "quick", schedule.Id, "1"), (execution.Raw.Tags![ExecutionTags.Owner], execution.Raw.Tags[ExecutionTags.WorkflowId], execution.Raw.Tags[ExecutionTags.ScheduleId], execution.Raw.Tags[ExecutionTags.Version]));
    }

    [Fact]
    public async Task Pause_StopsEveryRun_AndResume_GoesOnFromTheNextDueTimeAfterIt()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}""") });
        Clock.Advance(Minute);
        await WaitForAsync(schedule.Id, s => Started(s) == 1, "the first run has started");

        var paused = await Schedules.PauseAsync(Owner, schedule.Id, Ct);
        Assert.Equal((ScheduleStatus.Paused, (DateTimeOffset?)null), (paused!.Status, paused.Progress.NextRunAt));
        Clock.Advance(3 * Minute);
        var tick = await Ticker.TickAsync(new ScheduleRef(Owner, schedule.Id), Ct);
        Assert.Equal(new ScheduleTick(null, Stop: false), tick);
        Assert.Single((await Schedules.GetAsync(Owner, schedule.Id, Ct))!.Progress.Runs);

        var resumed = await Schedules.ResumeAsync(Owner, schedule.Id, Ct);
        Assert.Equal((ScheduleStatus.Active, T0 + (5 * Minute)), (resumed!.Status, resumed.Progress.NextRunAt));
        Clock.Advance(Minute);
        var after = await WaitForAsync(schedule.Id, s => Started(s) == 2, "a run after the resume has started");
        Assert.Equal([T0 + Minute, T0 + (5 * Minute)], after.Progress.Runs.Select(r => r.DueAt));
    }

    [Fact]
    public async Task Delete_EndsItsOrchestration_AndKeepsTheExecutionsItStarted()
    {
        var schedule = await CreateAsync(Every(Minute, "quick") with { Input = Json.Parse("""{"n": 1}""") });
        Clock.Advance(Minute);
        var ran = await WaitForAsync(schedule.Id, s => Started(s) == 1, "the first run has started");

        Assert.True(await Schedules.DeleteAsync(Owner, schedule.Id, Ct));

        Assert.Null(await Schedules.GetAsync(Owner, schedule.Id, Ct));
        Assert.False(await Schedules.DeleteAsync(Owner, schedule.Id, Ct));
        await Eventually.TrueAsync(
            async () => (await App.Client.GetInstanceAsync(Driver(schedule), Ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            "the schedule's orchestration has ended");
        Assert.NotNull(await App.Client.GetInstanceAsync(ran.Progress.Runs[0].ExecutionId!, Ct));
    }

    [Fact]
    public async Task Once_RunsAtItsTime_ThenCompletes_AndItsOrchestrationEnds()
    {
        var schedule = await CreateAsync(new ScheduleRequest("quick", new ScheduleTrigger(Once: new OnceTrigger(T0.AddHours(2)))) { Input = Json.Parse("""{"n": 2}""") });

        Clock.Advance(TimeSpan.FromHours(2));

        var after = await WaitForAsync(schedule.Id, s => Started(s) == 1, "the run has started");
        Assert.Equal((ScheduleStatus.Completed, (DateTimeOffset?)null), (after.Status, after.Progress.NextRunAt));
        await Eventually.TrueAsync(
            async () => (await App.Client.GetInstanceAsync(Driver(schedule), Ct))?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            "the schedule's orchestration has ended");
    }

    [Fact]
    public async Task TheSampleSchedule_CreatedPaused_OnceResumed_RunsTheTickSampleEveryMinute()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "scheduled-tick.yaml"), Ct);
        await Repository.SaveDraftAsync(Owner, "scheduled-tick", "Scheduled tick", null, sample, WorkflowContentTypes.Yaml, null, Ct);
        await Repository.PublishAsync(Owner, "scheduled-tick", Ct);
        var schedule = await CreateAsync(Every(Minute, "scheduled-tick") with { Id = "sample-every-minute", Paused = true });
        Assert.Equal(ScheduleStatus.Paused, schedule.Status);

        await Schedules.ResumeAsync(Owner, schedule.Id, Ct);
        for (var run = 1; run <= 2; run++)
        {
            Clock.Advance(Minute);
            await WaitForAsync(schedule.Id, s => s.Progress.Runs.Count(r => r.ExecutionStatus == OrchestrationRuntimeStatus.Completed) == run, $"run {run} has completed");
        }

        Assert.Equal(2, (await App.Variables.GetAsync(VariableScope.User(Owner), "scheduledTicks", Ct))!.Value.GetInt32());
    }

    [Theory]
    [InlineData(CatchUpPolicy.None, new int[0], new[] { 10, 20, 30 })]
    [InlineData(CatchUpPolicy.Latest, new[] { 30 }, new[] { 10, 20 })]
    [InlineData(CatchUpPolicy.All, new[] { 10, 20, 30 }, new int[0])]
    public async Task AfterDowntime_MissedRunsFollowTheCatchUpPolicy_OnceTheAppIsBack(CatchUpPolicy catchUp, int[] started, int[] missed)
    {
        var schedule = await CreateAsync(Every(TimeSpan.FromMinutes(10), "quick") with { Input = Json.Parse("""{"n": 1}"""), Overlap = OverlapPolicy.Allow, CatchUp = catchUp });

        // The app is down from 09:00 to 09:35; then a new process starts on the same task hub.
        await RestartAsync(TimeSpan.FromMinutes(35));

        var after = await WaitForAsync(schedule.Id, s => s.Progress.Runs.Count == 3 && s.Progress.Runs.All(r => r.Outcome != Outcome.Starting), "the missed runs are handled");
        Assert.Equal(started.Select(m => T0.AddMinutes(m)), after.Progress.Runs.Where(r => r.Outcome == Outcome.Started).Select(r => r.DueAt));
        Assert.Equal(missed.Select(m => T0.AddMinutes(m)), after.Progress.Runs.Where(r => r.Outcome == Outcome.Missed).Select(r => r.DueAt));
        Assert.Equal(T0.AddMinutes(40), after.Progress.NextRunAt);
        Assert.Equal(started.Length, await CountExecutionsAsync(after));
    }

    /// <summary>Stops the app's process, lets <paramref name="downtime"/> pass, and starts a new process on the same task hub.</summary>
    private async Task RestartAsync(TimeSpan downtime)
    {
        await App.DisposeAsync();
        Clock.Advance(downtime);
        _restarted = await StartHostAsync(Hub.OpenAgain());
    }

    private static ScheduleRequest Every(TimeSpan every, string workflowId) =>
        new(workflowId, new ScheduleTrigger(Interval: new IntervalTrigger(every)));

    private async Task<Schedule> CreateAsync(ScheduleRequest request)
    {
        var created = await Schedules.CreateAsync(Owner, request, cancellationToken: Ct);
        Assert.Null(created.Refused?.RefusalMessage);
        return created.Schedule!;
    }

    private async Task<Schedule> WaitForAsync(string id, Func<Schedule, bool> condition, string what)
    {
        Schedule? last = null;
        await Eventually.TrueAsync(async () => (last = await Schedules.GetAsync(Owner, id, Ct)) is { } schedule && condition(schedule), what);
        return last!;
    }

    private static int Started(Schedule schedule) => schedule.Progress.Runs.Count(r => r.Outcome == Outcome.Started);

    private static string Driver(Schedule schedule) => ScheduleIds.DriverInstanceId(schedule.Owner, schedule.Id);

    /// <summary>How many executions the schedule's due times have, whatever the schedule recorded.</summary>
    private async Task<int> CountExecutionsAsync(Schedule schedule)
    {
        var prefix = schedule.ExecutionIdFor(T0)[..^"20260115T090000Z".Length];
        var (items, _) = await App.Client.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = prefix, PageSize = 1000 }, Ct);
        return items.Count;
    }
}

/// <summary>The schedules suite on the in-memory backend (tables on Azurite).</summary>
public sealed class InMemoryScheduleTests(AzuriteFixture azurite) : ScheduleBehaviourTests(new InMemoryHubs(), azurite);

/// <summary>The schedules suite on Azure Storage (Azurite), each test on a task hub of its own.</summary>
public sealed class AzureScheduleTests(AzuriteFixture azurite) : ScheduleBehaviourTests(new AzuriteHubs(azurite), azurite, TimeSpan.FromSeconds(5));
