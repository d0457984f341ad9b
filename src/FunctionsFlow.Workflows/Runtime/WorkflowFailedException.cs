namespace FunctionsFlow.Workflows.Runtime;

/// <summary>A <c>fail</c> step ended the workflow on purpose. It is not subject to any step's <c>onError</c>.</summary>
public sealed class WorkflowFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException(string stepId, string message, string? code)
        : base(message)
    {
        StepId = stepId;
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException()
        : this("?", "The workflow failed.", null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException(string message)
        : this("?", message, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        StepId = "?";
    }

    /// <summary>The <c>fail</c> step.</summary>
    public string StepId { get; } = "?";

    /// <summary>The step's code, if it gave one.</summary>
    public string? Code { get; }
}
