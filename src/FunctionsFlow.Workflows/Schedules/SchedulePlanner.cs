using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A schedule's progress after a tick, and when it must look again (null: only a resume or a delete can
/// change anything).</summary>
public sealed record SchedulePlan(ScheduleProgress Progress, DateTimeOffset? WakeAt);

/// <summary>Every change of a schedule's progress, as pure functions of the schedule, the time and the statuses of
/// its executions, so each policy can be checked without storage or clocks.</summary>
public static class SchedulePlanner
{
    /// <summary>The progress of a schedule created at <paramref name="createdAt"/>: due times from then on count.</summary>
    public static ScheduleProgress Initial(ScheduleDefinition definition, DateTimeOffset createdAt, bool paused)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var next = new ScheduleCalendar(definition.Trigger, createdAt).Next(createdAt);
        return new ScheduleProgress(createdAt, paused, Completed: next is null, paused ? null : next, null, null, []);
    }

    /// <summary>Pauses: nothing starts, and a buffered run is dropped.</summary>
    public static ScheduleProgress Pause(Schedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var progress = schedule.Progress;
        if (progress.Paused || progress.Completed)
        {
            return progress;
        }

        var runs = progress.Runs.Select(run => run.Outcome == ScheduleRunOutcome.Buffered
            ? run with { Outcome = ScheduleRunOutcome.Skipped, Detail = "The schedule was paused while this run waited." }
            : run);
        return progress with { Paused = true, NextRunAt = null, BufferedDueAt = null, Runs = [.. runs] };
    }

    /// <summary>Resumes: the next due time after <paramref name="now"/> is next; times that passed while paused are not caught up.</summary>
    public static ScheduleProgress Resume(Schedule schedule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var progress = schedule.Progress;
        if (!progress.Paused || progress.Completed)
        {
            return progress;
        }

        var handled = Later(progress.LastDueAt, now);
        var next = schedule.Calendar().Next(handled);
        return progress with { Paused = false, LastDueAt = handled, NextRunAt = next, Completed = next is null };
    }

    /// <summary>What a schedule does at <paramref name="now"/>: starts a buffered run whose predecessor ended, handles the
    /// due times since it last looked by its catch-up and overlap policies (a run to start is claimed as
    /// <see cref="ScheduleRunOutcome.Starting"/> with its execution id), and says when to look again.</summary>
    /// <param name="schedule">The schedule as stored.</param>
    /// <param name="now">The time.</param>
    /// <param name="statuses">The statuses of the executions <see cref="ExecutionsToWatch"/> names; null for one that is gone.</param>
    /// <param name="options">The schedule options.</param>
    public static SchedulePlan Plan(
        Schedule schedule, DateTimeOffset now, IReadOnlyDictionary<string, OrchestrationRuntimeStatus?> statuses, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(options);
        var progress = Refresh(schedule.Progress, statuses);
        if (progress.Paused || progress.Completed)
        {
            return new SchedulePlan(progress with { NextRunAt = null }, null);
        }

        var definition = schedule.Definition;
        var firing = new ScheduleFiring(schedule, progress, statuses);
        firing.StartBuffered();

        var calendar = schedule.Calendar();
        var windowStart = now - (definition.CatchUpWindow > options.MisfireThreshold ? definition.CatchUpWindow : options.MisfireThreshold);
        var handledBefore = Later(progress.LastDueAt, windowStart);
        var due = calendar.Recent(handledBefore, now, options.MaxCatchUpRuns + options.MaxRecentRuns);
        var toStart = definition.CatchUp switch
        {
            CatchUpPolicy.None => due.Where(time => now - time <= options.MisfireThreshold).ToHashSet(),
            CatchUpPolicy.Latest => due.TakeLast(1).ToHashSet(),
            _ => due.TakeLast(options.MaxCatchUpRuns).ToHashSet(),
        };
        foreach (var time in due)
        {
            if (toStart.Contains(time))
            {
                firing.Fire(time, definition.Overlap);
            }
            else
            {
                firing.Miss(time, definition.CatchUp);
            }
        }

        var handled = due.Count > 0 ? due[^1] : handledBefore;
        var next = calendar.Next(handled);
        var buffered = firing.Buffered;
        var result = progress with
        {
            LastDueAt = handled,
            NextRunAt = next,
            BufferedDueAt = buffered,
            LastExecutionId = firing.LastExecutionId,
            Runs = Trim(firing.Runs, options.MaxRecentRuns),
            Completed = next is null && buffered is null,
        };
        var wakeAt = buffered is null ? next : Earlier(next, now + options.BufferPollInterval);
        return new SchedulePlan(result, result.Completed ? null : wakeAt);
    }

    /// <summary>The runs that were being started, replaced by what came of them.</summary>
    public static ScheduleProgress Record(ScheduleProgress progress, IReadOnlyCollection<ScheduleRun> started)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(started);
        var runs = progress.Runs.Select(run =>
            run.Outcome == ScheduleRunOutcome.Starting && started.FirstOrDefault(s => s.ExecutionId == run.ExecutionId) is { } outcome ? outcome : run);
        return progress with { Runs = [.. runs] };
    }

    /// <summary>The executions whose statuses a tick needs: the one started last (for the overlap policy) and those of
    /// recent runs last seen running.</summary>
    public static IReadOnlySet<string> ExecutionsToWatch(ScheduleProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var ids = progress.Runs.Where(run => run is { Outcome: ScheduleRunOutcome.Started, IsLive: true }).Select(run => run.ExecutionId!).ToHashSet(StringComparer.Ordinal);
        if (progress.LastExecutionId is { } last)
        {
            ids.Add(last);
        }

        return ids;
    }

    /// <summary>The runs with the execution statuses just read.</summary>
    public static ScheduleProgress Refresh(ScheduleProgress progress, IReadOnlyDictionary<string, OrchestrationRuntimeStatus?> statuses)
    {
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(statuses);
        var runs = progress.Runs.Select(run => run is { Outcome: ScheduleRunOutcome.Started, ExecutionId: { } id } && statuses.TryGetValue(id, out var status)
            ? run with { ExecutionStatus = status, Detail = status is null ? "The execution no longer exists." : run.Detail }
            : run);
        return progress with { Runs = [.. runs] };
    }

    /// <summary>The latest runs, oldest first; runs being started or waiting are never dropped.</summary>
    private static List<ScheduleRun> Trim(List<ScheduleRun> runs, int most)
    {
        runs.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        for (var i = 0; runs.Count > most && i < runs.Count;)
        {
            if (runs[i].Outcome is ScheduleRunOutcome.Starting or ScheduleRunOutcome.Buffered)
            {
                i++;
            }
            else
            {
                runs.RemoveAt(i);
            }
        }

        return runs;
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset? a, DateTimeOffset b) => a is { } value && value < b ? value : b;
}
