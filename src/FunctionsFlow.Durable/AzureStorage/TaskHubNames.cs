namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>The names of a task hub's table, queues and container, all derived from the task hub name.</summary>
/// <remarks>Table names are letters and digits (and compared without case); queue and container names are lowercase.</remarks>
public sealed record TaskHubNames
{
    /// <summary>Derives the names of a task hub (validated by <see cref="AzureStorageBackendOptions.Validate"/>).</summary>
    public TaskHubNames(string taskHubName)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskHubName);
        var lower = taskHubName.ToLowerInvariant();
        InstancesTable = taskHubName + "Instances";
        ControlQueue = lower + "-control";
        WorkItemQueue = lower + "-workitems";
        PoisonQueue = lower + "-poison";
        PayloadContainer = lower + "-payloads";
    }

    /// <summary>Instance status rows and history rows, one partition per instance.</summary>
    public string InstancesTable { get; }

    /// <summary>Events for orchestrations.</summary>
    public string ControlQueue { get; }

    /// <summary>Activity requests.</summary>
    public string WorkItemQueue { get; }

    /// <summary>Messages set aside after failing too often, text unchanged.</summary>
    public string PoisonQueue { get; }

    /// <summary>Large payloads of rows and messages, under a folder per instance.</summary>
    public string PayloadContainer { get; }
}
