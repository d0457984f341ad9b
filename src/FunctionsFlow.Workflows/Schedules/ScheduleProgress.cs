namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Where a schedule stands: what it has handled, what comes next, and its recent runs.</summary>
/// <param name="LastDueAt">Every due time up to this instant has been handled (started, skipped, missed or dropped).</param>
/// <param name="Paused">True while paused: nothing starts, and due times that pass are not caught up later.</param>
/// <param name="Completed">True once no due time is left (a <c>once</c> schedule that ran).</param>
/// <param name="NextRunAt">The next due time; null while paused or when completed.</param>
/// <param name="BufferedDueAt">The due time waiting for the running execution to end (<see cref="OverlapPolicy.BufferOne"/>).</param>
/// <param name="LastExecutionId">The execution started last, which the overlap policy looks at.</param>
/// <param name="Runs">The recent runs, oldest first.</param>
public sealed record ScheduleProgress(
    DateTimeOffset LastDueAt,
    bool Paused,
    bool Completed,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? BufferedDueAt,
    string? LastExecutionId,
    IReadOnlyList<ScheduleRun> Runs)
{
    /// <summary>True when both say the same, run by run.</summary>
    public bool Equals(ScheduleProgress? other) =>
        other is not null && LastDueAt == other.LastDueAt && Paused == other.Paused && Completed == other.Completed &&
        NextRunAt == other.NextRunAt && BufferedDueAt == other.BufferedDueAt && LastExecutionId == other.LastExecutionId &&
        Runs.SequenceEqual(other.Runs);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(LastDueAt, Paused, Completed, NextRunAt, BufferedDueAt, LastExecutionId, Runs.Count);
}
