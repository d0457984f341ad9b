using System.Text.Json.Serialization;

namespace FunctionsFlow.Durable;

/// <summary>Where an orchestration instance stands (the Durable Functions set).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrchestrationRuntimeStatus>))]
public enum OrchestrationRuntimeStatus
{
    /// <summary>Started but not yet picked up by a worker.</summary>
    Pending,

    /// <summary>Running, or waiting for a task, timer or event.</summary>
    Running,

    /// <summary>Paused by an operator.</summary>
    Suspended,

    /// <summary>Returned normally.</summary>
    Completed,

    /// <summary>Threw, or failed a non-determinism check.</summary>
    Failed,

    /// <summary>Stopped by an operator.</summary>
    Terminated,

    /// <summary>Restarted itself with new input (transient).</summary>
    ContinuedAsNew,
}

/// <summary>Helpers on <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for Completed, Failed and Terminated: nothing will run again unless restarted.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
