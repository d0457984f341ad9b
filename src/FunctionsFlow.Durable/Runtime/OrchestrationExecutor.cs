using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>Replays an orchestrator against its history, feeds it the new events, and collects what it asks for next.</summary>
/// <remarks>Runs the code on a single-threaded synchronization context, one history event at a time, so a
/// replay is deterministic. A mismatch between what the code asks for and what history holds fails the
/// instance with a <see cref="NonDeterministicOrchestrationException"/>.</remarks>
internal sealed class OrchestrationExecutor(DataConverter converter, ILoggerFactory loggerFactory)
{
    /// <param name="orchestrator">The code; null when none is registered under the instance's name.</param>
    /// <param name="past">The history so far.</param>
    /// <param name="incoming">The new events.</param>
    /// <param name="checkpointState">The state of the checkpoint the execution starts from, when it names one.</param>
    public OrchestrationEpisode Execute(
        ITaskOrchestrator? orchestrator, IReadOnlyList<HistoryEvent> past, IReadOnlyList<HistoryEvent> incoming, CheckpointState? checkpointState = null)
    {
        var started = past.OfType<ExecutionStartedEvent>().FirstOrDefault() ?? incoming.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? throw new InvalidOperationException("The history has no ExecutionStarted event.");
        var context = new RuntimeOrchestrationContext(started.Name, started.InstanceId, started.ExecutionId, converter, loggerFactory);
        context.SetCheckpoint(started.Checkpoint, checkpointState);
        var run = new Replay(context, orchestrator, converter);

        var previous = SynchronizationContext.Current;
        var scheduler = new OrchestrationSynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(scheduler);
        try
        {
            context.Replaying = true;
            foreach (var e in past)
            {
                run.Apply(e);
                scheduler.RunPending();
            }

            context.Replaying = false;
            foreach (var e in incoming)
            {
                run.Apply(e);
                scheduler.RunPending();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Non-determinism, or orchestrator code that threw outside its own task: the instance fails
            // rather than retrying an episode that can never succeed.
            return new OrchestrationEpisode([], Failed(ex), context.CustomStatus, context.HasCustomStatus, Suspended: false);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (run.Terminated is { } terminated)
        {
            // Terminated: nothing this episode asked for is dispatched.
            return new OrchestrationEpisode([], terminated, context.CustomStatus, context.HasCustomStatus, Suspended: false);
        }

        return new OrchestrationEpisode(
            [.. context.PendingActions],
            Outcome(run.Task, context),
            context.CustomStatus,
            context.HasCustomStatus,
            run.Suspended);
    }

    private OrchestrationOutcome? Outcome(Task<object?>? task, RuntimeOrchestrationContext context)
    {
        if (task is null || !task.IsCompleted)
        {
            return null;
        }

        if (task.IsFaulted)
        {
            return Failed(task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception);
        }

        if (task.IsCanceled)
        {
            return Failed(new TaskCanceledException("The orchestrator's task was cancelled."));
        }

        if (context.ContinueAsNewRequest is { } next)
        {
            return new OrchestrationOutcome(OrchestrationRuntimeStatus.ContinuedAsNew, next.Input, null,
                next.PreserveEvents ? [.. context.UnclaimedEvents] : [], next.Checkpoint, next.State);
        }

        return new OrchestrationOutcome(OrchestrationRuntimeStatus.Completed, converter.Serialize(task.Result), null, []);
    }

    private static OrchestrationOutcome Failed(Exception exception) =>
        new(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(exception), []);

    /// <summary>The state of one replay: applies history events to the context in order.</summary>
    private sealed class Replay(RuntimeOrchestrationContext context, ITaskOrchestrator? orchestrator, DataConverter converter)
    {
        private readonly List<HistoryEvent> _heldWhileSuspended = [];

        public Task<object?>? Task { get; private set; }

        public bool Suspended { get; private set; }

        public OrchestrationOutcome? Terminated { get; private set; }

        public void Apply(HistoryEvent e)
        {
            if (Terminated is not null)
            {
                return; // nothing after a terminate reaches the orchestrator
            }

            switch (e)
            {
                case OrchestratorStartedEvent s:
                    context.CurrentTime = s.Timestamp;
                    return;
                case ExecutionSuspendedEvent:
                    Suspended = true;
                    return;
                case ExecutionResumedEvent:
                    Suspended = false;
                    var held = _heldWhileSuspended.ToList();
                    _heldWhileSuspended.Clear();
                    held.ForEach(Deliver);
                    return;
                case ExecutionTerminatedEvent t:
                    Terminated = new OrchestrationOutcome(OrchestrationRuntimeStatus.Terminated, converter.Serialize(t.Reason), null, []);
                    return;
            }

            if (Suspended && e is not (ExecutionStartedEvent or TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationCreatedEvent or EventSentEvent))
            {
                _heldWhileSuspended.Add(e);
                return;
            }

            Deliver(e);
        }

        private void Deliver(HistoryEvent e)
        {
            switch (e)
            {
                case ExecutionStartedEvent started:
                    Start(started);
                    break;
                case TaskScheduledEvent s:
                    context.MatchScheduled(s, s.EventId, $"activity '{s.Name}'");
                    break;
                case TimerCreatedEvent s:
                    context.MatchScheduled(s, s.EventId, $"timer due {s.FireAt:o}");
                    break;
                case SubOrchestrationCreatedEvent s:
                    context.MatchScheduled(s, s.EventId, $"sub-orchestration '{s.Name}'");
                    break;
                case EventSentEvent s:
                    context.MatchScheduled(s, s.EventId, $"event '{s.Name}' to '{s.InstanceId}'");
                    break;
                case TaskCompletedEvent c:
                    context.CompleteTask(c.TaskScheduledId, c.Result);
                    break;
                case TaskFailedEvent f:
                    context.FailTask(f.TaskScheduledId, f.Failure);
                    break;
                case SubOrchestrationCompletedEvent c:
                    context.CompleteTask(c.TaskScheduledId, c.Result);
                    break;
                case SubOrchestrationFailedEvent f:
                    context.FailTask(f.TaskScheduledId, f.Failure);
                    break;
                case TimerFiredEvent t:
                    context.CompleteTask(t.TimerId, null);
                    break;
                case EventRaisedEvent r:
                    context.DeliverEvent(r.Name, r.Input);
                    break;
            }
        }

        private void Start(ExecutionStartedEvent started)
        {
            context.SetInput(started.Input);
            if (orchestrator is null)
            {
                Task = System.Threading.Tasks.Task.FromException<object?>(
                    new InvalidOperationException($"No orchestrator named '{started.Name}' is registered with this worker."));
                return;
            }

            try
            {
                var input = converter.Deserialize(started.Input, orchestrator.InputType);
                Task = orchestrator.RunAsync(context, input);
            }
            catch (Exception ex) when (ex is not NonDeterministicOrchestrationException)
            {
                Task = System.Threading.Tasks.Task.FromException<object?>(ex);
            }
        }
    }
}
