using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FunctionsFlow.Durable.Diagnostics;

/// <summary>The engine's traces and metrics: an <see cref="ActivitySource"/> and a <see cref="Meter"/>, both named
/// <see cref="Name"/>, for OpenTelemetry or any other listener.</summary>
/// <remarks>Spans: <c>orchestration {name}</c> per episode (tags instance id, new events, status) and
/// <c>activity {name}</c> per activity run. Metrics: <c>functionsflow.orchestrations.started</c>,
/// <c>functionsflow.orchestrations.completed</c> (by status),
/// <c>functionsflow.episodes</c>, <c>functionsflow.episode.duration</c> (ms), <c>functionsflow.activities</c> (by
/// outcome), <c>functionsflow.activity.duration</c> (ms). Instance ids are tags on spans only, never on metrics.</remarks>
public static class DurableTelemetry
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "FunctionsFlow.Durable";

    /// <summary>The engine's spans.</summary>
    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The engine's metrics.</summary>
    public static Meter Meter { get; } = new(Name);

    internal static Counter<long> Started { get; } = Meter.CreateCounter<long>("functionsflow.orchestrations.started", description: "Executions started by clients.");

    internal static Counter<long> Episodes { get; } = Meter.CreateCounter<long>("functionsflow.episodes", description: "Orchestration episodes committed.");

    internal static Histogram<double> EpisodeDuration { get; } =
        Meter.CreateHistogram<double>("functionsflow.episode.duration", unit: "ms", description: "Load, replay and commit of one episode.");

    internal static Counter<long> Finished { get; } =
        Meter.CreateCounter<long>("functionsflow.orchestrations.completed", description: "Executions that ended, by runtime status.");

    internal static Counter<long> Activities { get; } = Meter.CreateCounter<long>("functionsflow.activities", description: "Activity runs, by outcome.");

    internal static Histogram<double> ActivityDuration { get; } =
        Meter.CreateHistogram<double>("functionsflow.activity.duration", unit: "ms", description: "Time an activity's code ran.");
}
