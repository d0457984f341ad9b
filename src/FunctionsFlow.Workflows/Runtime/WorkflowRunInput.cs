using System.Text.Json;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>What an execution of a declarative workflow starts with: the pinned version's source (so replays and
/// restarts always run the version the execution started with), the owner and the input.</summary>
/// <param name="Owner">The user the execution runs for: its <c>user</c> scope, its connections.</param>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="Version">The published version pinned.</param>
/// <param name="Source">That version's definition text.</param>
/// <param name="Input">The execution's input.</param>
/// <param name="OwnerIsAdmin">True when the owner may write <c>global</c> variables.</param>
/// <param name="CallDepth">How many <c>call</c> steps deep this execution is (0 for one started from outside).</param>
public sealed record WorkflowRunInput(string Owner, string WorkflowId, int Version, string Source, JsonElement? Input, bool OwnerIsAdmin = false, int CallDepth = 0)
{
    /// <summary>The deepest a chain of <c>call</c> steps may go (so a cycle of calls fails instead of running forever).</summary>
    public const int MaxCallDepth = 16;
}

/// <summary>How one step run ended (or that it is still going).</summary>
public enum StepRunStatus
{
    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Waiting for outside input.</summary>
    Waiting,

    /// <summary>Finished with an output.</summary>
    Succeeded,

    /// <summary>Failed after its retries; what happened next is the step's <c>onError</c>.</summary>
    Failed,

    /// <summary>Failed, and <c>onError: skip</c> let the workflow go on without an output.</summary>
    Skipped,

    /// <summary>A wait ran out of time.</summary>
    TimedOut,
}

/// <summary>One run of one step: what <c>GET /api/executions/{id}/steps</c> serves.</summary>
public sealed record StepRun
{
    /// <summary>The largest input, output or <c>vars</c> change a step run records in full (16 KiB of JSON); a larger
    /// one is recorded as <c>{"truncated": true, "bytes": "over 16384"}</c>.</summary>
    public const int MaxRecordedBytes = 16 * 1024;

    /// <summary>The step's id.</summary>
    public required string StepId { get; init; }

    /// <summary>The step kind.</summary>
    public required string Kind { get; init; }

    /// <summary>How it ended.</summary>
    public required StepRunStatus Status { get; init; }

    /// <summary>How many attempts it took (1 without retries).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>For a step inside a <c>forEach</c>, the iteration (0-based).</summary>
    public int? Iteration { get; init; }

    /// <summary>When it started (orchestration time).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>What it was given (an http step's request, a call's input...).</summary>
    public JsonElement? Input { get; init; }

    /// <summary>Its output.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The run's <c>vars</c> this step changed, name to new value (the audit trail of <c>vars</c>: step runs
    /// are only ever appended).</summary>
    public JsonElement? VarsChanged { get; init; }
}

/// <summary>A wait for outside input that is open now.</summary>
/// <param name="StepId">The waiting step.</param>
/// <param name="Name">The wait's name (the event name that resumes it).</param>
/// <param name="ExpiresAt">When it times out; null never.</param>
/// <param name="Schema">The JSON Schema the input must satisfy, if any.</param>
public sealed record OpenWait(string StepId, string Name, DateTimeOffset? ExpiresAt, JsonElement? Schema);

/// <summary>The custom status a workflow execution keeps up to date: its step runs and open waits.</summary>
/// <param name="Steps">The step runs so far (the latest <see cref="WorkflowProgress.MaxRecords"/>).</param>
/// <param name="Waiting">The waits open now.</param>
public sealed record WorkflowProgress(IReadOnlyList<StepRun> Steps, IReadOnlyList<OpenWait> Waiting)
{
    /// <summary>How many step runs are kept.</summary>
    public const int MaxRecords = 500;
}
