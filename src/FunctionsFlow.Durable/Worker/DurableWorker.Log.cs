using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>The engine's log events (ids 1000-1099).</summary>
internal static partial class DurableLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable worker started (orchestrators: {Orchestrators})")]
    public static partial void WorkerStarted(ILogger logger, IReadOnlyCollection<string> orchestrators);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Durable worker stopped")]
    public static partial void WorkerStopped(ILogger logger);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Instance {InstanceId}: episode with {Count} new event(s), status {Status}")]
    public static partial void Episode(ILogger logger, string instanceId, int count, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) is {Status}")]
    public static partial void InstanceFinished(ILogger logger, string instanceId, string name, OrchestrationRuntimeStatus status);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Debug, Message = "Instance {InstanceId}: another worker committed first; the messages will come again")]
    public static partial void CommitConflict(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "Instance {InstanceId}: dropped {EventType} ({Reason})")]
    public static partial void Dropped(ILogger logger, string instanceId, string eventType, string reason);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Instance {InstanceId}: processing failed; the messages will come again")]
    public static partial void EpisodeFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Error, Message = "Message {MessageId} for instance {InstanceId} moved to the poison queue after {Count} attempts")]
    public static partial void Poisoned(ILogger logger, string messageId, string instanceId, int count);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Warning, Message = "Instance {InstanceId} was still Pending; its start message was sent again")]
    public static partial void PendingStartRecovered(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Debug, Message = "Activity {Name} (#{TaskId}) of {InstanceId} failed")]
    public static partial void ActivityFailed(ILogger logger, string name, int taskId, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Warning, Message = "Activity message for {InstanceId} could not be handled; it will come again")]
    public static partial void ActivityDispatchFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Warning, Message = "Polling the {Queue} queue failed")]
    public static partial void PollFailed(ILogger logger, string queue, Exception exception);
}
