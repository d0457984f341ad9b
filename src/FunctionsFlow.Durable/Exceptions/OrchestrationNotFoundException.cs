namespace FunctionsFlow.Durable;

/// <summary>No instance has that id.</summary>
public sealed class OrchestrationNotFoundException : Exception
{
    /// <summary>Creates the exception for an instance id.</summary>
    public OrchestrationNotFoundException(string instanceId)
        : base($"No orchestration instance has the id '{instanceId}'.")
    {
        InstanceId = instanceId;
    }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }
}
