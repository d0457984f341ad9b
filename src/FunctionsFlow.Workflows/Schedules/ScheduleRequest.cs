using System.Text.Json;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A request to create a schedule, its fields already checked (the host reads it from <c>POST /api/schedules</c>).</summary>
/// <param name="WorkflowId">The workflow whose latest published version each run starts.</param>
/// <param name="Trigger">When it runs.</param>
public sealed record ScheduleRequest(string WorkflowId, ScheduleTrigger Trigger)
{
    /// <summary>The id asked for; a fresh one when null.</summary>
    public string? Id { get; init; }

    /// <summary>The input of every run.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The overlap policy (default <see cref="OverlapPolicy.Skip"/>).</summary>
    public OverlapPolicy Overlap { get; init; } = OverlapPolicy.Skip;

    /// <summary>The catch-up policy (default <see cref="CatchUpPolicy.Latest"/>).</summary>
    public CatchUpPolicy CatchUp { get; init; } = CatchUpPolicy.Latest;

    /// <summary>The catch-up window; the configured default when null.</summary>
    public TimeSpan? CatchUpWindow { get; init; }

    /// <summary>True to create it paused.</summary>
    public bool Paused { get; init; }
}
