using System.Text.Json.Serialization;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Backend;

/// <summary>A message on one of the task hub's queues. <see cref="MessageId"/> is unique per logical message,
/// so a copy delivered twice can be recognised.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(OrchestrationWorkItem), "orchestration")]
[JsonDerivedType(typeof(ActivityWorkItem), "activity")]
public abstract record WorkItem(string MessageId, string InstanceId);

/// <summary>An event for an orchestration instance (control queue). A null <paramref name="ExecutionId"/>
/// targets whatever execution is current.</summary>
public sealed record OrchestrationWorkItem(string MessageId, string InstanceId, string? ExecutionId, HistoryEvent Event)
    : WorkItem(MessageId, InstanceId);

/// <summary>A request to run an activity (work-item queue).</summary>
public sealed record ActivityWorkItem(string MessageId, string InstanceId, string ExecutionId, int TaskId, string Name, string? Input)
    : WorkItem(MessageId, InstanceId);

/// <summary>A message to send after a commit, and when it should become visible.</summary>
public sealed record OutboundMessage(WorkItem Item, DateTimeOffset? VisibleAt = null);
