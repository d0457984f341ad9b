using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>A run's state at a checkpoint: where it is and everything its expressions read, so a new execution can go
/// on from there (after continue-as-new at a suspension point, or on a restart from the checkpoint).</summary>
/// <remarks>Positions are paths of indexes into the definition's step lists: the top-level step, then for an
/// <c>if</c> the branch (0 then, 1 else) or for a <c>switch</c> the case (the number of cases for the default), then
/// the step within it, and so on. Only positions outside <c>parallel</c>, <c>forEach</c>, <c>onTimeout</c> and
/// <c>onError</c> alternatives have a path: a run continues from a checkpoint only where one list of steps is
/// running.</remarks>
public sealed record WorkflowCheckpoint
{
    /// <summary>The format of this record; a reader refuses formats it does not know.</summary>
    public const int CurrentFormat = 1;

    /// <summary>The record's format.</summary>
    public int Format { get; init; } = CurrentFormat;

    /// <summary>The step the checkpoint was taken at.</summary>
    public required string StepId { get; init; }

    /// <summary>What the checkpoint was taken for: <c>checkpoint</c> (go on after the step) or <c>waitForInput</c>
    /// (go on waiting at the step).</summary>
    public required string Kind { get; init; }

    /// <summary>The step's position.</summary>
    public required IReadOnlyList<int> Path { get; init; }

    /// <summary>For each position on the path, the index of its step run (the containers and the step itself).</summary>
    public required IReadOnlyList<OpenStepRun> OpenRecords { get; init; }

    /// <summary>When the checkpoint was taken (orchestration time).</summary>
    public required DateTimeOffset TakenAt { get; init; }

    /// <summary>How many checkpoints the run has taken, this one included (numbers the next one).</summary>
    public required int Sequence { get; init; }

    /// <summary>When the execution first started.</summary>
    public required string StartedAt { get; init; }

    /// <summary>The run's <c>vars</c>.</summary>
    public required JsonObject Vars { get; init; }

    /// <summary>The steps' outputs (<c>steps</c>).</summary>
    public required JsonObject Steps { get; init; }

    /// <summary>The step runs so far.</summary>
    public required IReadOnlyList<StepRun> Records { get; init; }

    /// <summary>For a wait, when it times out (it keeps its deadline across executions).</summary>
    public DateTimeOffset? WaitExpiresAt { get; init; }

    /// <summary>Checks a checkpoint read back.</summary>
    /// <exception cref="InvalidOperationException">It is empty or of a format this version does not know.</exception>
    public static WorkflowCheckpoint Check(WorkflowCheckpoint? checkpoint) =>
        checkpoint is null ? throw new InvalidOperationException("The checkpoint is empty.")
        : checkpoint.Format == CurrentFormat ? checkpoint
        : throw new InvalidOperationException($"Checkpoint format {checkpoint.Format} is not known to this version (it reads {CurrentFormat}).");
}

/// <summary>The step run of a step on a checkpoint's path, begun before the checkpoint and not finished.</summary>
/// <param name="Depth">The length of the step's position.</param>
/// <param name="Record">The index of its step run.</param>
public sealed record OpenStepRun(int Depth, int Record);
