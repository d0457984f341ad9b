using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Serialization;
using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>The answer to a create: the new schedule's id and first due time.</summary>
internal sealed record ScheduleCreated(string Id, DateTimeOffset? NextRunAt);

/// <summary>A page of the caller's schedules.</summary>
internal sealed record ScheduleList(IReadOnlyList<ScheduleView> Items, string? ContinuationToken);

/// <summary>A schedule as the API shows it: its definition in the shape it was created with, its status, its next due
/// time and, for one schedule, its recent runs (newest first).</summary>
internal sealed record ScheduleView(
    string Id,
    string WorkflowId,
    JsonElement? Input,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OnceTrigger? Once,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IntervalTrigger? Interval,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CronTrigger? Cron,
    OverlapPolicy Overlap,
    CatchUpPolicy CatchUp,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan CatchUpWindow,
    ScheduleStatus Status,
    DateTimeOffset? NextRunAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ScheduleRunView>? RecentRuns)
{
    public static ScheduleView From(Schedule schedule, bool withRuns)
    {
        var (definition, trigger) = (schedule.Definition, schedule.Definition.Trigger);
        return new ScheduleView(
            schedule.Id,
            definition.WorkflowId,
            definition.Input,
            trigger.Once,
            trigger.Interval,
            trigger.Cron,
            definition.Overlap,
            definition.CatchUp,
            definition.CatchUpWindow,
            schedule.Status,
            schedule.Progress.NextRunAt,
            schedule.CreatedAt,
            schedule.UpdatedAt,
            withRuns ? [.. schedule.Progress.Runs.Reverse().Select(ScheduleRunView.From)] : null);
    }
}

/// <summary>One recent run: when it was due, what the schedule did, and how its execution is going.</summary>
internal sealed record ScheduleRunView(
    DateTimeOffset DueAt,
    ScheduleRunOutcome Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ExecutionId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OrchestrationRuntimeStatus? ExecutionStatus,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail)
{
    public static ScheduleRunView From(ScheduleRun run) => new(run.DueAt, run.Outcome, run.ExecutionId, run.StartedAt, run.ExecutionStatus, run.Detail);
}
