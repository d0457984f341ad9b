using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Runtime;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Turns what an episode asked for into history events, outbox messages and the new status row.</summary>
internal static class EpisodeCommitBuilder
{
    public static InstanceCommit Build(InstanceRecord record, IReadOnlyList<HistoryEvent> incoming, OrchestrationEpisode episode, DateTimeOffset now)
    {
        var metadata = record.Metadata;
        var started = record.History.OfType<ExecutionStartedEvent>().FirstOrDefault() ?? incoming.OfType<ExecutionStartedEvent>().First();
        var events = new List<HistoryEvent>(incoming);
        var outbox = new List<OutboundMessage>();

        foreach (var action in episode.Actions)
        {
            var (recorded, message) = Translate(action, metadata, started, now);
            events.Add(recorded);
            outbox.Add(message);
        }

        var updated = metadata with
        {
            LastUpdatedAt = now,
            CustomStatus = episode.HasCustomStatus ? episode.CustomStatus : metadata.CustomStatus,
            RuntimeStatus = episode.Suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running,
        };

        if (episode.Outcome is not { } outcome)
        {
            return new InstanceCommit(record.ETag, updated, events, NewExecution: false, outbox);
        }

        if (outcome.Status == OrchestrationRuntimeStatus.ContinuedAsNew)
        {
            return ContinueAsNew(record.ETag, updated, started, ConsumedMessageIds(started, record.History.Concat(incoming)), outcome, outbox, now);
        }

        events.Add(new ExecutionCompletedEvent(now, outcome.Status, outcome.Output, outcome.Failure));
        if (started.Parent is { } parent)
        {
            outbox.Add(new OutboundMessage(new OrchestrationWorkItem(NewMessageId(), parent.InstanceId, parent.ExecutionId, outcome.Status switch
            {
                OrchestrationRuntimeStatus.Completed => new SubOrchestrationCompletedEvent(now, parent.TaskScheduledId, outcome.Output),
                OrchestrationRuntimeStatus.Terminated => new SubOrchestrationFailedEvent(now, parent.TaskScheduledId,
                    new TaskFailureDetails("Terminated", $"Sub-orchestration '{metadata.InstanceId}' was terminated: {outcome.Output}")),
                _ => new SubOrchestrationFailedEvent(now, parent.TaskScheduledId, outcome.Failure!),
            })));
        }

        updated = updated with
        {
            RuntimeStatus = outcome.Status,
            Output = outcome.Output,
            Failure = outcome.Failure,
            CompletedAt = now,
        };
        return new InstanceCommit(record.ETag, updated, events, NewExecution: false, outbox);
    }

    private static InstanceCommit ContinueAsNew(
        string etag,
        InstanceMetadata metadata,
        ExecutionStartedEvent started,
        IReadOnlyList<string> consumed,
        OrchestrationOutcome outcome,
        List<OutboundMessage> outbox,
        DateTimeOffset now)
    {
        var executionId = Guid.NewGuid().ToString("N");
        outbox.Add(new OutboundMessage(new OrchestrationWorkItem(NewMessageId(), metadata.InstanceId, executionId,
            started with { Timestamp = now, ExecutionId = executionId, Input = outcome.Output, PriorMessageIds = consumed, Checkpoint = outcome.Checkpoint?.Id })));
        foreach (var (name, input) in outcome.CarryOverEvents)
        {
            var id = NewMessageId();
            outbox.Add(new OutboundMessage(new OrchestrationWorkItem(id, metadata.InstanceId, executionId, new EventRaisedEvent(now, name, input, id))));
        }

        var next = metadata with
        {
            ExecutionId = executionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            Input = outcome.Output,
            Output = null,
            Failure = null,
        };
        return new InstanceCommit(etag, next, [], NewExecution: true, outbox, outcome.Checkpoint is { } checkpoint ? [checkpoint] : null);
    }

    private static (HistoryEvent Recorded, OutboundMessage Message) Translate(
        OrchestratorAction action, InstanceMetadata metadata, ExecutionStartedEvent started, DateTimeOffset now)
    {
        var instanceId = metadata.InstanceId;
        var executionId = metadata.ExecutionId;
        switch (action)
        {
            case ScheduleTaskAction a:
                return (new TaskScheduledEvent(now, a.Id, a.Name, a.Input),
                    new OutboundMessage(new ActivityWorkItem(NewMessageId(), instanceId, executionId, a.Id, a.Name, a.Input)));
            case CreateTimerAction t:
                return (new TimerCreatedEvent(now, t.Id, t.FireAt),
                    new OutboundMessage(new OrchestrationWorkItem(NewMessageId(), instanceId, executionId, new TimerFiredEvent(t.FireAt, t.Id, t.FireAt)), t.FireAt));
            case CreateSubOrchestrationAction s:
                var childExecution = Guid.NewGuid().ToString("N");
                var parent = new ParentInstance(instanceId, executionId, s.Id, metadata.Name);
                return (new SubOrchestrationCreatedEvent(now, s.Id, s.Name, s.InstanceId, s.Input),
                    new OutboundMessage(new OrchestrationWorkItem(NewMessageId(), s.InstanceId, childExecution,
                        new ExecutionStartedEvent(now, s.Name, s.InstanceId, childExecution, s.Input, parent, started.Tags))));
            case SendEventAction e:
                var messageId = NewMessageId();
                return (new EventSentEvent(now, e.Id, e.InstanceId, e.Name, e.Input),
                    new OutboundMessage(new OrchestrationWorkItem(messageId, e.InstanceId, null, new EventRaisedEvent(now, e.Name, e.Input, messageId)), e.DeliverAt));
            default:
                throw new InvalidOperationException($"Unknown action {action.GetType().Name}.");
        }
    }

    /// <summary>The ids of the messages this and earlier executions consumed, newest last, at most
    /// <see cref="RememberedMessageIds"/>: carried into the next execution so late copies stay duplicates.</summary>
    private static List<string> ConsumedMessageIds(ExecutionStartedEvent started, IEnumerable<HistoryEvent> history)
    {
        var ids = new List<string>(started.PriorMessageIds ?? []);
        ids.AddRange(history.Select(e => e switch
        {
            EventRaisedEvent r => r.MessageId,
            ExecutionSuspendedEvent s => s.MessageId,
            ExecutionResumedEvent r => r.MessageId,
            _ => null,
        }).OfType<string>());
        return ids.Count > RememberedMessageIds ? ids[^RememberedMessageIds..] : ids;
    }

    private const int RememberedMessageIds = 512;

    private static string NewMessageId() => Guid.NewGuid().ToString("N");
}
