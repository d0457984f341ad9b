namespace FunctionsFlow.Workflows.Repository;

/// <summary>A workflow with its draft source and its published versions.</summary>
/// <param name="Workflow">The head.</param>
/// <param name="Source">The draft's source text.</param>
/// <param name="Versions">The published versions, oldest first.</param>
public sealed record WorkflowDetail(WorkflowRecord Workflow, string Source, IReadOnlyList<PublishedVersion> Versions);
