using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Workflows.Runtime;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A schedule, by owner and id: the input of the orchestration that drives it.</summary>
public sealed record ScheduleRef(string Owner, string Id);

/// <summary>What a tick leaves for the driving orchestration: when to tick again, or to stop for good.</summary>
/// <param name="WakeAt">The next tick; null to wait for a change (resume, delete) only.</param>
/// <param name="Stop">True when the schedule is gone or has completed.</param>
public sealed record ScheduleTick(DateTimeOffset? WakeAt, bool Stop);

/// <summary>One tick of a schedule: plans with <see cref="SchedulePlanner"/>, claims the runs to start by writing them
/// under the row's ETag, then starts them under their derived execution ids. Safe to run twice or concurrently: a
/// due time is claimed once (the claim moves <see cref="ScheduleProgress.LastDueAt"/> past it), and an execution id
/// starts at most one execution.</summary>
public sealed partial class ScheduleTicker(
    ScheduleStore store, WorkflowStarter starter, DurableClient client, TimeProvider time, ScheduleOptions options, ILogger<ScheduleTicker> logger)
{
    private const int MaxClaimAttempts = 16;

    /// <summary>Runs one tick of <paramref name="schedule"/>.</summary>
    public async Task<ScheduleTick> TickAsync(ScheduleRef schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (await ClaimAsync(schedule, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return new ScheduleTick(null, Stop: true);
        }

        var (claimed, wakeAt) = found;
        Schedule? current = claimed;

        var starting = claimed.Progress.Runs.Where(run => run.Outcome == ScheduleRunOutcome.Starting).ToList();
        if (starting.Count > 0)
        {
            var started = new List<ScheduleRun>();
            foreach (var run in starting)
            {
                started.Add(await StartAsync(claimed, run, cancellationToken).ConfigureAwait(false));
            }

            current = await store.UpdateAsync(schedule.Owner, schedule.Id, s => s with { Progress = SchedulePlanner.Record(s.Progress, started) }, cancellationToken).ConfigureAwait(false);
        }

        var done = current is null || (current.Progress.Completed && !current.Progress.Runs.Any(run => run.Outcome == ScheduleRunOutcome.Starting));
        return new ScheduleTick(done ? null : wakeAt, done);
    }

    /// <summary>Reads the statuses of the executions a plan needs; null for one that no longer exists.</summary>
    public async Task<IReadOnlyDictionary<string, OrchestrationRuntimeStatus?>> ReadStatusesAsync(ScheduleProgress progress, CancellationToken cancellationToken)
    {
        var ids = SchedulePlanner.ExecutionsToWatch(progress).ToList();
        var statuses = await Task.WhenAll(ids.Select(id => client.GetInstanceAsync(id, cancellationToken))).ConfigureAwait(false);
        return ids.Zip(statuses, (id, status) => (id, status?.RuntimeStatus)).ToDictionary(p => p.id, p => p.RuntimeStatus, StringComparer.Ordinal);
    }

    private async Task<(Schedule Schedule, DateTimeOffset? WakeAt)?> ClaimAsync(ScheduleRef schedule, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxClaimAttempts; attempt++)
        {
            if (await store.GetAsync(schedule.Owner, schedule.Id, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            var statuses = await ReadStatusesAsync(current.Progress, cancellationToken).ConfigureAwait(false);
            var plan = SchedulePlanner.Plan(current, time.GetUtcNow(), statuses, options);
            if (plan.Progress == current.Progress)
            {
                return (current, plan.WakeAt);
            }

            if (await store.TryReplaceAsync(current with { Progress = plan.Progress }, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                LogDecisions(current.Progress, stored);
                return (stored, plan.WakeAt);
            }
        }

        throw new InvalidOperationException($"Schedule '{schedule.Id}' changed on every one of {MaxClaimAttempts} attempts to tick it.");
    }

    /// <summary>Starts a claimed run's execution, unless an earlier attempt did.</summary>
    private async Task<ScheduleRun> StartAsync(Schedule schedule, ScheduleRun run, CancellationToken cancellationToken)
    {
        var executionId = run.ExecutionId!;
        if (await client.GetInstanceAsync(executionId, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return Started(run, existing);
        }

        var definition = schedule.Definition;
        var start = await starter.PrepareAsync(schedule.Owner, definition.WorkflowId, definition.Input, cancellationToken).ConfigureAwait(false);
        if (start.Refusal is not null)
        {
            Log.StartRefused(logger, schedule.Owner, schedule.Id, run.DueAt, start.RefusalMessage!);
            return run with { Outcome = ScheduleRunOutcome.StartFailed, Detail = start.RefusalMessage };
        }

        try
        {
            await starter.StartAsync(start, new WorkflowStartOptions(executionId, definition.OwnerIsAdmin, ReplaceFinished: false, schedule.Id), cancellationToken).ConfigureAwait(false);
            Log.Started(logger, schedule.Owner, schedule.Id, run.DueAt, executionId);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another attempt of this tick started it a moment ago.
        }

        var metadata = await client.GetInstanceAsync(executionId, cancellationToken).ConfigureAwait(false);
        return metadata is null ? run with { Outcome = ScheduleRunOutcome.Started, StartedAt = time.GetUtcNow() } : Started(run, metadata);
    }

    private static ScheduleRun Started(ScheduleRun run, OrchestrationMetadata metadata) =>
        run with { Outcome = ScheduleRunOutcome.Started, StartedAt = metadata.Raw.CreatedAt, ExecutionStatus = metadata.RuntimeStatus };

    private void LogDecisions(ScheduleProgress before, Schedule after)
    {
        foreach (var run in after.Progress.Runs.Where(run => run.DueAt > before.LastDueAt && run.Outcome is ScheduleRunOutcome.Skipped or ScheduleRunOutcome.Missed or ScheduleRunOutcome.Buffered))
        {
            Log.NotStarted(logger, after.Owner, after.Id, run.DueAt, run.Outcome, run.Detail ?? string.Empty);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3100, Level = LogLevel.Information, Message = "Schedule {Owner}/{ScheduleId}: started {ExecutionId} for the run due at {DueAt:O}")]
        public static partial void Started(ILogger logger, string owner, string scheduleId, DateTimeOffset dueAt, string executionId);

        [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Schedule {Owner}/{ScheduleId}: the run due at {DueAt:O} was {Outcome}: {Detail}")]
        public static partial void NotStarted(ILogger logger, string owner, string scheduleId, DateTimeOffset dueAt, ScheduleRunOutcome outcome, string detail);

        [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "Schedule {Owner}/{ScheduleId}: the run due at {DueAt:O} could not start: {Reason}")]
        public static partial void StartRefused(ILogger logger, string owner, string scheduleId, DateTimeOffset dueAt, string reason);
    }
}
