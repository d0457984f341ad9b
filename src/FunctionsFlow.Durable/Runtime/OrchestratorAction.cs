using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>Something orchestrator code asked for, numbered by the order it asked in.</summary>
internal abstract record OrchestratorAction(int Id)
{
    /// <summary>How the action reads in a non-determinism message.</summary>
    public abstract string Describe();

    /// <summary>True when <paramref name="recorded"/> is the history event this action produces.</summary>
    public abstract bool Matches(HistoryEvent recorded);
}

internal sealed record ScheduleTaskAction(int Id, string Name, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"activity '{Name}'";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is TaskScheduledEvent e && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}

internal sealed record CreateTimerAction(int Id, DateTimeOffset FireAt) : OrchestratorAction(Id)
{
    public override string Describe() => $"timer due {FireAt:o}";

    public override bool Matches(HistoryEvent recorded) => recorded is TimerCreatedEvent;
}

internal sealed record CreateSubOrchestrationAction(int Id, string Name, string InstanceId, string? Input) : OrchestratorAction(Id)
{
    public override string Describe() => $"sub-orchestration '{Name}'";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is SubOrchestrationCreatedEvent e && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase);
}

internal sealed record SendEventAction(int Id, string InstanceId, string Name, string? Input, DateTimeOffset? DeliverAt = null) : OrchestratorAction(Id)
{
    public override string Describe() => $"event '{Name}' to '{InstanceId}'";

    public override bool Matches(HistoryEvent recorded) =>
        recorded is EventSentEvent e && string.Equals(e.Name, Name, StringComparison.OrdinalIgnoreCase) && e.InstanceId == InstanceId;
}
