namespace FunctionsFlow.Durable;

/// <summary>An instance with that id is already pending, running or suspended.</summary>
public sealed class OrchestrationAlreadyExistsException : Exception
{
    /// <summary>Creates the exception for an instance id.</summary>
    public OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
        : base($"An orchestration with instance id '{instanceId}' is already {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The existing instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
