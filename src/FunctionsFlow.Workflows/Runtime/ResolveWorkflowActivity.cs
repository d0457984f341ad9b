using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>A workflow of a user, by id.</summary>
public sealed record WorkflowReference(string Owner, string WorkflowId);

/// <summary>A published version of a workflow: its number and source.</summary>
public sealed record ResolvedWorkflow(int Version, string Source);

/// <summary>Where the interpreter finds the latest published version of a workflow (for <c>call</c> steps).</summary>
public interface IPublishedWorkflowSource
{
    /// <summary>The latest published version of <paramref name="reference"/>, or null when there is none.</summary>
    Task<ResolvedWorkflow?> GetLatestAsync(WorkflowReference reference, CancellationToken cancellationToken);
}

/// <summary>The activity a <c>call</c> step uses to pin the called workflow's latest published version.</summary>
public sealed class ResolveWorkflowActivity(IPublishedWorkflowSource source) : TaskActivity<WorkflowReference, ResolvedWorkflow?>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "functionsflow.resolveWorkflow";

    /// <inheritdoc />
    public override Task<ResolvedWorkflow?> RunAsync(TaskActivityContext context, WorkflowReference input, CancellationToken cancellationToken) =>
        source.GetLatestAsync(input, cancellationToken);
}
