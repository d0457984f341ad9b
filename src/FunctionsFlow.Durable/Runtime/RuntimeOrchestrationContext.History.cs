using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Runtime;

internal sealed partial class RuntimeOrchestrationContext
{
    /// <summary>Pairs a recorded scheduling event with the action the code asked for under the same id.</summary>
    /// <exception cref="NonDeterministicOrchestrationException">The code asked for something else, or nothing.</exception>
    public void MatchScheduled(HistoryEvent recorded, int id, string recordedDescription)
    {
        if (!_pending.Remove(id, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history step #{id} is {recordedDescription}, " +
                $"but on replay the code did not schedule step #{id} (it has scheduled {_sequence} step(s) so far). " +
                "Orchestrator code must make the same calls in the same order on every replay; a code change that alters " +
                "the order of calls breaks instances already in flight.");
        }

        if (!action.Matches(recorded))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic orchestration '{Name}' (instance '{InstanceId}'): history step #{id} is {recordedDescription}, " +
                $"but on replay the code scheduled {action.Describe()} as step #{id}. " +
                "Orchestrator code must make the same calls in the same order on every replay.");
        }
    }

    /// <summary>Completes an open task; an unknown id (a cancelled timer) is ignored.</summary>
    public void CompleteTask(int id, string? result)
    {
        if (_open.Remove(id, out var task))
        {
            task.Complete(result);
        }
    }

    /// <summary>Fails an open task.</summary>
    public void FailTask(int id, TaskFailureDetails failure)
    {
        if (_open.Remove(id, out var task))
        {
            task.Fail(failure);
        }
    }

    /// <summary>Hands an external event to its oldest waiter, or keeps it for a later wait.</summary>
    public void DeliverEvent(string name, string? input)
    {
        if (_waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Deliver(input);
            return;
        }

        if (!_unclaimedEvents.TryGetValue(name, out var queue))
        {
            _unclaimedEvents[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(input);
        _unclaimedOrder.Add((name, input));
    }
}
