using FunctionsFlow.Durable.AzureStorage;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>The tables and container of the workflow repository, named after the task hub like the engine's own.</summary>
public sealed record WorkflowStorageNames
{
    /// <summary>Derives the names from a task hub name (3 to 45 letters and digits, starting with a letter).</summary>
    /// <exception cref="ArgumentException">The task hub name breaks that rule.</exception>
    public WorkflowStorageNames(string taskHubName)
    {
        new AzureStorageBackendOptions { TaskHubName = taskHubName }.Validate();
        WorkflowsTable = taskHubName + "Workflows";
        TemplatesTable = taskHubName + "Templates";
        Container = taskHubName.ToLowerInvariant() + "-workflows";
    }

    /// <summary>Workflow heads and published versions, a partition per owner.</summary>
    public string WorkflowsTable { get; }

    /// <summary>Templates, a partition per template.</summary>
    public string TemplatesTable { get; }

    /// <summary>Source texts of drafts, versions and templates.</summary>
    public string Container { get; }
}
