using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>What a schedule did about one due time.</summary>
public enum ScheduleRunOutcome
{
    /// <summary>Claimed: its execution is being started (a crash here is finished by the schedule's next tick).</summary>
    Starting,

    /// <summary>Its execution was started (see <see cref="ScheduleRun.ExecutionStatus"/> for how it is going).</summary>
    Started,

    /// <summary>Waiting for the running execution to end (overlap <see cref="OverlapPolicy.BufferOne"/>).</summary>
    Buffered,

    /// <summary>Not started because the previous execution was still running (or the schedule was paused while it waited).</summary>
    Skipped,

    /// <summary>Not started because it came due while the schedule could not fire (catch-up policy).</summary>
    Missed,

    /// <summary>Starting was refused: the workflow is gone, unpublished, or no longer accepts the input.</summary>
    StartFailed,
}

/// <summary>One due time of a schedule and what came of it.</summary>
/// <param name="DueAt">When the run was due.</param>
/// <param name="Outcome">What the schedule did.</param>
/// <param name="ExecutionId">The execution it started (or was starting); derived from the schedule and the due time.</param>
/// <param name="StartedAt">When the execution was created.</param>
/// <param name="ExecutionStatus">The execution's status when the schedule last looked.</param>
/// <param name="Detail">Why it was skipped, missed or refused.</param>
public sealed record ScheduleRun(
    DateTimeOffset DueAt,
    ScheduleRunOutcome Outcome,
    string? ExecutionId = null,
    DateTimeOffset? StartedAt = null,
    OrchestrationRuntimeStatus? ExecutionStatus = null,
    string? Detail = null)
{
    /// <summary>True while the run is being started, or its execution was last seen not finished.</summary>
    public bool IsLive => Outcome == ScheduleRunOutcome.Starting
        || (Outcome == ScheduleRunOutcome.Started && ExecutionStatus is { } status && !status.IsTerminal());
}
