namespace FunctionsFlow.Durable;

/// <summary>An instance has no checkpoint with the id asked for.</summary>
public sealed class CheckpointNotFoundException : Exception
{
    /// <summary>Creates the exception for an instance and a checkpoint id.</summary>
    public CheckpointNotFoundException(string instanceId, string checkpointId)
        : base($"Instance '{instanceId}' has no checkpoint '{checkpointId}'.")
    {
        InstanceId = instanceId;
        CheckpointId = checkpointId;
    }

    /// <summary>The instance.</summary>
    public string InstanceId { get; }

    /// <summary>The checkpoint id asked for.</summary>
    public string CheckpointId { get; }
}
