namespace FunctionsFlow.Durable;

/// <summary>An activity or sub-orchestration the orchestrator awaited has failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity or orchestrator name.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number in its execution.</summary>
    public int TaskId { get; }

    /// <summary>What the task recorded as its failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
