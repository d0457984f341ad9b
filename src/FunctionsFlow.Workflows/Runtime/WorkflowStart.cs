using System.Text.Json;
using FunctionsFlow.Workflows.Repository;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>Why a workflow cannot be started.</summary>
public enum WorkflowStartRefusal
{
    /// <summary>The owner has no workflow of that id.</summary>
    NotFound,

    /// <summary>The workflow has never been published.</summary>
    NotPublished,

    /// <summary>The input does not match the input schema of the latest published version.</summary>
    InvalidInput,
}

/// <summary>A start of a workflow's latest published version with an input it accepts (<see cref="Version"/>), or why
/// there can be none (<see cref="Refusal"/>).</summary>
/// <param name="Owner">The owner, who the execution runs for.</param>
/// <param name="WorkflowId">The workflow.</param>
/// <param name="Input">The input.</param>
/// <param name="Version">The version to run; null when refused.</param>
/// <param name="Refusal">Why the start is refused; null when it can go ahead.</param>
/// <param name="InputErrors">The schema errors, for <see cref="WorkflowStartRefusal.InvalidInput"/>.</param>
public sealed record WorkflowStart(
    string Owner,
    string WorkflowId,
    JsonElement? Input,
    WorkflowVersion? Version,
    WorkflowStartRefusal? Refusal,
    IReadOnlyList<SchemaError> InputErrors)
{
    /// <summary>The refusal said to whoever asked for the start; null when there is none.</summary>
    public string? RefusalMessage => Refusal switch
    {
        WorkflowStartRefusal.NotFound => $"No workflow '{WorkflowId}' was found.",
        WorkflowStartRefusal.NotPublished =>
            $"Workflow '{WorkflowId}' has no published version yet: publish it first (POST /api/workflows/{WorkflowId}/publish).",
        WorkflowStartRefusal.InvalidInput => "The input does not match the workflow's input schema: "
            + string.Join("; ", InputErrors.Take(5).Select(e => $"{e.Path}: {e.Message}")),
        _ => null,
    };
}

/// <summary>How to start an execution.</summary>
/// <param name="InstanceId">The execution's id; a new one when null.</param>
/// <param name="OwnerIsAdmin">True when the execution may write <c>global</c> variables.</param>
/// <param name="ReplaceFinished">Whether a finished execution with that id may be replaced (false: any existing one refuses).</param>
/// <param name="ScheduleId">The schedule that starts it, kept as a tag.</param>
public sealed record WorkflowStartOptions(string? InstanceId = null, bool OwnerIsAdmin = false, bool ReplaceFinished = true, string? ScheduleId = null);
