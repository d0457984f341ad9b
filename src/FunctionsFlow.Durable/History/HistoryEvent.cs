using System.Text.Json.Serialization;

namespace FunctionsFlow.Durable.History;

/// <summary>One entry of an orchestration's append-only history; orchestrator code is replayed against it.</summary>
/// <remarks>Events that schedule work carry an <c>EventId</c> (the task's sequence number within its
/// execution); events that complete work carry the <c>TaskScheduledId</c> they answer.</remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "eventType")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationCreatedEvent), "SubOrchestrationCreated")]
[JsonDerivedType(typeof(SubOrchestrationCompletedEvent), "SubOrchestrationCompleted")]
[JsonDerivedType(typeof(SubOrchestrationFailedEvent), "SubOrchestrationFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
public abstract record HistoryEvent(DateTimeOffset Timestamp)
{
    /// <summary>The event's type name as it appears in history listings (the JSON discriminator).</summary>
    [JsonIgnore]
    public string EventType => GetType().Name[..^"Event".Length];
}

/// <summary>Opens an episode: the orchestrator's <c>CurrentUtcDateTime</c> comes from it.</summary>
public sealed record OrchestratorStartedEvent(DateTimeOffset Timestamp) : HistoryEvent(Timestamp);

/// <summary>Where a sub-orchestration reports back.</summary>
public sealed record ParentInstance(string InstanceId, string ExecutionId, int TaskScheduledId, string Name);

/// <summary>The first event of an execution. <paramref name="PriorMessageIds"/> are the ids of messages earlier
/// executions of the instance consumed (continue-as-new), so a late copy of one is still recognised.
/// <paramref name="Checkpoint"/> names the instance's checkpoint the execution starts from, if any.</summary>
public sealed record ExecutionStartedEvent(
    DateTimeOffset Timestamp,
    string Name,
    string InstanceId,
    string ExecutionId,
    string? Input,
    ParentInstance? Parent = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    IReadOnlyList<string>? PriorMessageIds = null,
    string? Checkpoint = null) : HistoryEvent(Timestamp);

/// <summary>The orchestrator scheduled an activity.</summary>
public sealed record TaskScheduledEvent(DateTimeOffset Timestamp, int EventId, string Name, string? Input) : HistoryEvent(Timestamp);

/// <summary>An activity returned.</summary>
public sealed record TaskCompletedEvent(DateTimeOffset Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(Timestamp);

/// <summary>An activity threw.</summary>
public sealed record TaskFailedEvent(DateTimeOffset Timestamp, int TaskScheduledId, TaskFailureDetails Failure) : HistoryEvent(Timestamp);

/// <summary>The orchestrator started a sub-orchestration.</summary>
public sealed record SubOrchestrationCreatedEvent(DateTimeOffset Timestamp, int EventId, string Name, string InstanceId, string? Input)
    : HistoryEvent(Timestamp);

/// <summary>A sub-orchestration completed.</summary>
public sealed record SubOrchestrationCompletedEvent(DateTimeOffset Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(Timestamp);

/// <summary>A sub-orchestration failed.</summary>
public sealed record SubOrchestrationFailedEvent(DateTimeOffset Timestamp, int TaskScheduledId, TaskFailureDetails Failure)
    : HistoryEvent(Timestamp);

/// <summary>The orchestrator created a durable timer.</summary>
public sealed record TimerCreatedEvent(DateTimeOffset Timestamp, int EventId, DateTimeOffset FireAt) : HistoryEvent(Timestamp);

/// <summary>A durable timer came due.</summary>
public sealed record TimerFiredEvent(DateTimeOffset Timestamp, int TimerId, DateTimeOffset FireAt) : HistoryEvent(Timestamp);

/// <summary>An external event reached the instance. <paramref name="MessageId"/> makes redelivery harmless.</summary>
public sealed record EventRaisedEvent(DateTimeOffset Timestamp, string Name, string? Input, string MessageId) : HistoryEvent(Timestamp);

/// <summary>The orchestrator sent an event to another instance.</summary>
public sealed record EventSentEvent(DateTimeOffset Timestamp, int EventId, string InstanceId, string Name, string? Input)
    : HistoryEvent(Timestamp);

/// <summary>An operator paused the instance: events are kept, not delivered, until it is resumed.</summary>
public sealed record ExecutionSuspendedEvent(DateTimeOffset Timestamp, string? Reason, string MessageId) : HistoryEvent(Timestamp);

/// <summary>An operator resumed a suspended instance.</summary>
public sealed record ExecutionResumedEvent(DateTimeOffset Timestamp, string? Reason, string MessageId) : HistoryEvent(Timestamp);

/// <summary>An operator stopped the instance for good.</summary>
public sealed record ExecutionTerminatedEvent(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(Timestamp);

/// <summary>The execution ended: completed, failed, terminated, or continued as new (then <c>Result</c> is the new input).</summary>
public sealed record ExecutionCompletedEvent(
    DateTimeOffset Timestamp,
    OrchestrationRuntimeStatus Status,
    string? Result,
    TaskFailureDetails? Failure) : HistoryEvent(Timestamp);
