namespace FunctionsFlow.Workflows.Runtime;

/// <summary>The tags a workflow execution started from outside carries: who owns it (only they see it), what it runs,
/// and the schedule that started it, if one did.</summary>
public static class ExecutionTags
{
    /// <summary>The owner's user id.</summary>
    public const string Owner = "owner";

    /// <summary>The workflow id.</summary>
    public const string WorkflowId = "workflowId";

    /// <summary>The published version pinned, as a number.</summary>
    public const string Version = "version";

    /// <summary>The id of the schedule that started the execution.</summary>
    public const string ScheduleId = "scheduleId";
}
