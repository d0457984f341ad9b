namespace FunctionsFlow.Workflows.Repository;

/// <summary>A conditional write was refused because the workflow is no longer at the ETag the caller named (an HTTP
/// 412); nothing was changed.</summary>
public sealed class WorkflowConcurrencyException : Exception
{
    /// <summary>Creates the exception for a workflow.</summary>
    public WorkflowConcurrencyException(string owner, string workflowId)
        : base($"Workflow '{workflowId}' was changed or deleted since it was read; read it again and retry.")
    {
        Owner = owner;
        WorkflowId = workflowId;
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowConcurrencyException()
        : this("A workflow was changed since it was read.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowConcurrencyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The owner of the workflow, when known.</summary>
    public string? Owner { get; }

    /// <summary>The workflow id, when known.</summary>
    public string? WorkflowId { get; }
}
