namespace FunctionsFlow.Workflows.Schedules;

/// <summary>What a schedule does when a run is due while the execution it started last is still going.</summary>
public enum OverlapPolicy
{
    /// <summary>The due run is skipped (recorded as <see cref="ScheduleRunOutcome.Skipped"/>).</summary>
    Skip,

    /// <summary>The due run starts anyway: executions may overlap.</summary>
    Allow,

    /// <summary>The due run waits until the running execution has ended, then starts; at most one run waits, and
    /// further due runs are skipped meanwhile.</summary>
    BufferOne,
}

/// <summary>What a schedule does with runs that came due while it could not fire them (the app was down or busy
/// for longer than the misfire threshold), within its catch-up window.</summary>
public enum CatchUpPolicy
{
    /// <summary>Missed runs are not started (recorded as <see cref="ScheduleRunOutcome.Missed"/>).</summary>
    None,

    /// <summary>Only the latest due run is started; earlier missed ones are recorded as missed.</summary>
    Latest,

    /// <summary>Every missed run in the window is started, oldest first, up to the configured cap (the most recent
    /// ones are kept).</summary>
    All,
}
