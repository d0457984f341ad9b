namespace FunctionsFlow.Durable;

/// <summary>The instance is in a state that does not allow the operation (e.g. raising an event on a completed instance).</summary>
public sealed class OrchestrationStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OrchestrationStateException(string instanceId, OrchestrationRuntimeStatus status, string operation)
        : base($"Cannot {operation} orchestration '{instanceId}': it is {status}.")
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The instance's status.</summary>
    public OrchestrationRuntimeStatus Status { get; }
}
