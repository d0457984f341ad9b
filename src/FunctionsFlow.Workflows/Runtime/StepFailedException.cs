namespace FunctionsFlow.Workflows.Runtime;

/// <summary>A step failed. <see cref="Retryable"/> says whether its retry policy may try again.</summary>
public sealed class StepFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StepFailedException(string stepId, string message, bool retryable, string? code = null, Exception? innerException = null)
        : base($"Step '{stepId}' failed: {message}", innerException)
    {
        StepId = stepId;
        Reason = message;
        Retryable = retryable;
        Code = code;
    }

    /// <summary>Creates the exception.</summary>
    public StepFailedException()
        : this("?", "failed", retryable: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StepFailedException(string message)
        : this("?", message, retryable: false)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StepFailedException(string message, Exception innerException)
        : this("?", message, retryable: false, innerException: innerException)
    {
    }

    /// <summary>The step.</summary>
    public string StepId { get; }

    /// <summary>What went wrong, without the step prefix.</summary>
    public string Reason { get; }

    /// <summary>True when trying again could help (network errors, 5xx, 408, 429, a failed sub-workflow).</summary>
    public bool Retryable { get; }

    /// <summary>A <c>fail</c> step's code, or an HTTP status as text.</summary>
    public string? Code { get; }
}
