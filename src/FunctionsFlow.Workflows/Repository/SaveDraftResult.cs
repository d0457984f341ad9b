namespace FunctionsFlow.Workflows.Repository;

/// <summary>The outcome of saving a draft.</summary>
/// <param name="Workflow">The head as saved, with its new ETag.</param>
/// <param name="Created">True when the save created the workflow; false when it replaced a draft.</param>
public sealed record SaveDraftResult(WorkflowRecord Workflow, bool Created);
