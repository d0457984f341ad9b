namespace FunctionsFlow.Workflows.Repository;

/// <summary>One page of an owner's workflows.</summary>
/// <param name="Items">The workflows of the page, by id.</param>
/// <param name="ContinuationToken">An opaque token for the next page, or null when there is none.</param>
public sealed record WorkflowPage(IReadOnlyList<WorkflowRecord> Items, string? ContinuationToken);
