using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>What a schedule starts and when.</summary>
/// <param name="WorkflowId">The workflow whose latest published version each run starts.</param>
/// <param name="Input">The input of every run.</param>
/// <param name="Trigger">When it runs.</param>
/// <param name="Overlap">What happens when a run is due while the previous one is still going.</param>
/// <param name="CatchUp">What happens to runs missed while the schedule could not fire.</param>
/// <param name="CatchUpWindow">How far back missed runs are considered; older ones are dropped.</param>
/// <param name="OwnerIsAdmin">Whether runs may write <c>global</c> variables (the creator's role when it was created).</param>
public sealed record ScheduleDefinition(
    string WorkflowId,
    JsonElement? Input,
    ScheduleTrigger Trigger,
    OverlapPolicy Overlap,
    CatchUpPolicy CatchUp,
    [property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan CatchUpWindow,
    bool OwnerIsAdmin = false);
