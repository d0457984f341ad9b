namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Whether a schedule still fires.</summary>
public enum ScheduleStatus
{
    /// <summary>Fires when due.</summary>
    Active,

    /// <summary>Fires nothing until resumed.</summary>
    Paused,

    /// <summary>Has no due time left.</summary>
    Completed,
}

/// <summary>A schedule of a user, as stored.</summary>
/// <param name="Owner">The user who created it; runs are theirs, and only they see it.</param>
/// <param name="Id">The id, unique per owner.</param>
/// <param name="Definition">What it starts and when.</param>
/// <param name="Progress">Where it stands.</param>
/// <param name="Generation">Drawn when the schedule is created, so the execution ids of a schedule deleted and made
/// again under the same id never meet the old ones.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it was created, paused or resumed last.</param>
/// <param name="ETag">The stored row's version.</param>
public sealed record Schedule(
    string Owner,
    string Id,
    ScheduleDefinition Definition,
    ScheduleProgress Progress,
    string Generation,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag)
{
    /// <summary>Whether it still fires.</summary>
    public ScheduleStatus Status =>
        Progress.Completed ? ScheduleStatus.Completed : Progress.Paused ? ScheduleStatus.Paused : ScheduleStatus.Active;

    /// <summary>The due times of its trigger.</summary>
    public ScheduleCalendar Calendar() => new(Definition.Trigger, CreatedAt);

    /// <summary>The execution id of the run due at <paramref name="dueAt"/>.</summary>
    public string ExecutionIdFor(DateTimeOffset dueAt) => ScheduleIds.ExecutionId(Owner, Id, Generation, dueAt);
}
