using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions.Steps;

namespace FunctionsFlow.Workflows.Runtime;

internal sealed partial class WorkflowRun
{
    /// <summary>The step runs of the steps on the current position's path, by path length (containers first).</summary>
    private readonly Stack<OpenStepRun> _openRecords = new();

    /// <summary>Where a run that started from a checkpoint goes on; null once it got there (or when it did not).</summary>
    private WorkflowCheckpoint? _resume;

    private int _checkpointSequence;

    /// <summary>The position of the step at <paramref name="index"/> of the list at <paramref name="list"/>; null
    /// inside lists a run cannot go on from (parallel branches, loop iterations, onTimeout, alternatives).</summary>
    private static int[]? Child(int[]? list, int index) => list is null ? null : [.. list, index];

    /// <summary>Where a list starts: at the resume position's step when the position lies in it, else at 0.</summary>
    private int StartIndex(int[]? list) => ResumeBranch(list) ?? 0;

    /// <summary>True when the run resumes at exactly this step.</summary>
    private bool IsResumeTarget(int[]? position) =>
        _resume is { } resume && position is not null && position.Length == resume.Path.Count && StartsWith(resume.Path, position);

    /// <summary>For a position strictly on the resume path (a list, or a container step), the next index on the path:
    /// the step within the list, or the branch or case the container was in; null otherwise.</summary>
    private int? ResumeBranch(int[]? position) =>
        _resume is { } resume && position is not null && position.Length < resume.Path.Count && StartsWith(resume.Path, position)
            ? resume.Path[position.Length]
            : null;

    /// <summary>The step run to continue for a step on the resume path (its own run, begun before the checkpoint).</summary>
    private int? ResumedRecord(int[]? position) =>
        (IsResumeTarget(position) || ResumeBranch(position) is not null) && _resume!.OpenRecords.FirstOrDefault(r => r.Depth == position!.Length) is { } open
            ? open.Record
            : null;

    /// <summary>Takes a checkpoint at <paramref name="step"/> and continues as a new execution from it: history starts
    /// again empty, and the state is stored once, outside history.</summary>
    private ContinueAsNewSignal Checkpoint(WorkflowStep step, int[] position, Frame frame, DateTimeOffset? waitExpiresAt = null)
    {
        _checkpointSequence++;
        var checkpoint = new WorkflowCheckpoint
        {
            StepId = step.Id,
            Kind = step.Kind,
            Path = position,
            OpenRecords = [.. _openRecords.Reverse()],
            TakenAt = Now,
            Sequence = _checkpointSequence,
            StartedAt = _execution["startedAt"]!.GetValue<string>(),
            Vars = frame.Vars,
            Steps = _steps,
            Records = _records,
            WaitExpiresAt = waitExpiresAt,
        };
        var id = string.Create(CultureInfo.InvariantCulture, $"{_checkpointSequence:D4}-{step.Id}");
        _context.ContinueAsNewFromCheckpoint(id, checkpoint, _input);
        return new ContinueAsNewSignal();
    }

    private static bool StartsWith(IReadOnlyList<int> path, int[] prefix)
    {
        for (var i = 0; i < prefix.Length; i++)
        {
            if (path[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Restores what a checkpoint holds.</summary>
    private void Restore(WorkflowCheckpoint from)
    {
        _resume = from;
        _checkpointSequence = from.Sequence;
        _execution["startedAt"] = from.StartedAt;
        _steps = (JsonObject)from.Steps.DeepClone(); // the checkpoint is shared by the execution's episodes

        _records.AddRange(from.Records);
    }

    /// <summary>A checkpoint was taken: the execution ends here and a new one goes on from it.</summary>
    private sealed class ContinueAsNewSignal() : Exception("continue as new");
}
