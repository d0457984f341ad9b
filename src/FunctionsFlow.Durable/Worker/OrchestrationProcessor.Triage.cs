using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Worker;

internal sealed partial class OrchestrationProcessor
{
    /// <summary>Sorts the messages of one instance into those to apply now, later, never, or to re-send as a timer hop.</summary>
    private TriageResult Triage(InstanceRecord? record, IReadOnlyList<ReceivedWorkItem> items)
    {
        var result = new TriageResult();
        var now = time.GetUtcNow();
        var history = record?.History ?? [];
        var started = history.Count > 0;
        var seen = new SeenInHistory(history);

        // The start goes first, so that other events of the same batch can follow it in one episode.
        foreach (var received in items.OrderBy(i => ((OrchestrationWorkItem)i.Item).Event is ExecutionStartedEvent ? 0 : 1))
        {
            var item = (OrchestrationWorkItem)received.Item;
            var verdict = Judge(record, item, started, seen, now);
            switch (verdict)
            {
                case Verdict.Accept:
                    if (seen.Add(item))
                    {
                        result.Accepted.Add(item);
                        started |= item.Event is ExecutionStartedEvent;
                    }

                    result.ToComplete.Add(received);
                    break;
                case Verdict.Defer when now - received.InsertedAt < options.MaxDeferAge:
                    result.Deferred.Add(received);
                    break;
                case Verdict.Defer:
                    result.Dropped.Add((received, "it could not be applied for too long"));
                    result.ToComplete.Add(received);
                    break;
                case Verdict.Hop:
                    result.Hops.Add((received, ((TimerFiredEvent)item.Event).FireAt));
                    result.ToComplete.Add(received);
                    break;
                default:
                    result.Dropped.Add((received, verdict.ToString()));
                    result.ToComplete.Add(received);
                    break;
            }
        }

        return result;
    }

    private static Verdict Judge(InstanceRecord? record, OrchestrationWorkItem item, bool started, SeenInHistory seen, DateTimeOffset now)
    {
        if (record is null)
        {
            // The instance does not exist yet: a client start writes its row before sending, but a child's row is
            // made by its start message, which may arrive after an event sent to it. Wait (up to MaxDeferAge).
            return Verdict.Defer;
        }

        var metadata = record.Metadata;
        if (item.ExecutionId is { } execution && execution != metadata.ExecutionId)
        {
            return Verdict.OtherExecution;
        }

        if (item.Event is ExecutionStartedEvent)
        {
            return started ? Verdict.Duplicate : Verdict.Accept;
        }

        if (metadata.RuntimeStatus.IsTerminal())
        {
            return Verdict.InstanceFinished;
        }

        if (!started)
        {
            return Verdict.Defer;
        }

        return item.Event switch
        {
            _ when seen.IsDuplicate(item) => Verdict.Duplicate,
            TimerFiredEvent t when !seen.Scheduled(t.TimerId) => Verdict.Defer,
            TimerFiredEvent t when t.FireAt > now => Verdict.Hop,
            TaskCompletedEvent c when !seen.Scheduled(c.TaskScheduledId) => Verdict.Defer,
            TaskFailedEvent f when !seen.Scheduled(f.TaskScheduledId) => Verdict.Defer,
            SubOrchestrationCompletedEvent c when !seen.Scheduled(c.TaskScheduledId) => Verdict.Defer,
            SubOrchestrationFailedEvent f when !seen.Scheduled(f.TaskScheduledId) => Verdict.Defer,
            _ => Verdict.Accept,
        };
    }

    private enum Verdict
    {
        Accept,
        Defer,
        Hop,
        Duplicate,
        OtherExecution,
        InstanceFinished,
    }

    private sealed class TriageResult
    {
        public List<OrchestrationWorkItem> Accepted { get; } = [];

        public List<ReceivedWorkItem> ToComplete { get; } = [];

        public List<ReceivedWorkItem> Deferred { get; } = [];

        public List<(ReceivedWorkItem Item, DateTimeOffset Due)> Hops { get; } = [];

        public List<(ReceivedWorkItem Item, string Reason)> Dropped { get; } = [];
    }

    /// <summary>What history already holds, to recognise messages delivered twice.</summary>
    private sealed class SeenInHistory
    {
        private readonly HashSet<int> _scheduled = [];
        private readonly HashSet<int> _answered = [];
        private readonly HashSet<string> _messageIds = new(StringComparer.Ordinal);

        public SeenInHistory(IEnumerable<HistoryEvent> history)
        {
            foreach (var e in history)
            {
                Record(e, messageId: null);
            }
        }

        public bool Scheduled(int id) => _scheduled.Contains(id);

        public bool IsDuplicate(OrchestrationWorkItem item) => item.Event switch
        {
            TaskCompletedEvent c => _answered.Contains(c.TaskScheduledId),
            TaskFailedEvent f => _answered.Contains(f.TaskScheduledId),
            SubOrchestrationCompletedEvent c => _answered.Contains(c.TaskScheduledId),
            SubOrchestrationFailedEvent f => _answered.Contains(f.TaskScheduledId),
            TimerFiredEvent t => _answered.Contains(t.TimerId),
            EventRaisedEvent r => _messageIds.Contains(r.MessageId),
            ExecutionSuspendedEvent s => _messageIds.Contains(s.MessageId),
            ExecutionResumedEvent r => _messageIds.Contains(r.MessageId),
            _ => false,
        };

        /// <summary>Records an accepted message; false when it duplicates one accepted earlier in the same batch.</summary>
        public bool Add(OrchestrationWorkItem item)
        {
            if (IsDuplicate(item))
            {
                return false;
            }

            Record(item.Event, item.MessageId);
            return true;
        }

        private void Record(HistoryEvent e, string? messageId)
        {
            switch (e)
            {
                case TaskScheduledEvent s: _scheduled.Add(s.EventId); break;
                case TimerCreatedEvent s: _scheduled.Add(s.EventId); break;
                case SubOrchestrationCreatedEvent s: _scheduled.Add(s.EventId); break;
                case TaskCompletedEvent c: _answered.Add(c.TaskScheduledId); break;
                case TaskFailedEvent f: _answered.Add(f.TaskScheduledId); break;
                case SubOrchestrationCompletedEvent c: _answered.Add(c.TaskScheduledId); break;
                case SubOrchestrationFailedEvent f: _answered.Add(f.TaskScheduledId); break;
                case TimerFiredEvent t: _answered.Add(t.TimerId); break;
                case EventRaisedEvent r: _messageIds.Add(r.MessageId); break;
                case ExecutionStartedEvent s: _messageIds.UnionWith(s.PriorMessageIds ?? []); break;
                case ExecutionSuspendedEvent s: _messageIds.Add(s.MessageId); break;
                case ExecutionResumedEvent r: _messageIds.Add(r.MessageId); break;
            }

            if (messageId is not null)
            {
                _messageIds.Add(messageId);
            }
        }
    }
}
