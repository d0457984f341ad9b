namespace FunctionsFlow.Host.CustomHandler;

/// <summary>The names of the timer and queue functions the Functions host posts to (<c>POST /{name}</c>): the folders
/// <c>FunctionApp.targets</c> writes. The HTTP functions need no names here: their requests are forwarded unchanged.</summary>
internal static class FunctionNames
{
    /// <summary>Timer: the system heartbeat.</summary>
    public const string Heartbeat = "heartbeat";

    /// <summary>Timer: <see cref="Configuration.SuspensionMaintenance"/>.</summary>
    public const string SuspensionMaintenance = "suspension-maintenance";

    /// <summary>Queue trigger on the task hub's control queue.</summary>
    public const string ControlQueue = "control-queue";

    /// <summary>Queue trigger on the task hub's work-item (activity) queue.</summary>
    public const string WorkItemQueue = "workitems-queue";
}
