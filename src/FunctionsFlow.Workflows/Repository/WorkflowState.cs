namespace FunctionsFlow.Workflows.Repository;

/// <summary>Whether a workflow's draft is what its latest published version holds.</summary>
public enum WorkflowState
{
    /// <summary>Never published, or the draft differs from the latest published version.</summary>
    Draft,

    /// <summary>The draft is the latest published version, unchanged.</summary>
    Published,
}
