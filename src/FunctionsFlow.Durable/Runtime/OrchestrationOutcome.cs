using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.Runtime;

/// <summary>How an execution ended in an episode: completed, failed, terminated or continued as new (then
/// <paramref name="Checkpoint"/> is the checkpoint the next execution starts from, if any, and
/// <paramref name="CheckpointObject"/> the object its state was serialized from).</summary>
internal sealed record OrchestrationOutcome(
    OrchestrationRuntimeStatus Status,
    string? Output,
    TaskFailureDetails? Failure,
    IReadOnlyList<(string Name, string? Input)> CarryOverEvents,
    CheckpointWrite? Checkpoint = null,
    object? CheckpointObject = null);

/// <summary>What one episode of an orchestration produced.</summary>
internal sealed record OrchestrationEpisode(
    IReadOnlyList<OrchestratorAction> Actions,
    OrchestrationOutcome? Outcome,
    string? CustomStatus,
    bool HasCustomStatus,
    bool Suspended);
