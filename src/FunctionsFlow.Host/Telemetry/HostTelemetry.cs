using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace FunctionsFlow.Host.Telemetry;

/// <summary>The host's metrics, from a <see cref="Meter"/> named <see cref="Name"/> (HTTP spans come from ASP.NET Core;
/// the engine's and storage's from <c>FunctionsFlow.Durable</c> and <c>FunctionsFlow.Storage</c>).</summary>
internal static class HostTelemetry
{
    public const string Name = "FunctionsFlow.Host";

    public static Meter Meter { get; } = new(Name);

    /// <summary>Calls of <c>POST /api/resume/{key}</c>, by outcome (resumed, conflict, gone, rejected, unknown).</summary>
    public static Counter<long> Resumes { get; } = Meter.CreateCounter<long>("functionsflow.resumes", description: "Resume webhook calls by outcome.");

    /// <summary>From a resume call arriving to its input being on its way to the flow.</summary>
    public static Histogram<double> ResumeLatency { get; } =
        Meter.CreateHistogram<double>("functionsflow.resume.latency", unit: "ms", description: "Resume call to input sent to the flow.");

    /// <summary>How long flows waited for their input.</summary>
    public static Histogram<double> WaitDuration { get; } =
        Meter.CreateHistogram<double>("functionsflow.wait.duration", unit: "s", description: "How long a flow waited before it was resumed.");

    private static readonly ConcurrentDictionary<string, QueueDepths> LatestQueueDepths = new(StringComparer.Ordinal);

    /// <summary>Messages waiting in the task hub's queues (control, workitems, poison), as the last heartbeat counted
    /// them (reading queue lengths on every collection would cost a storage call each).</summary>
    public static ObservableGauge<long> QueueDepth { get; } = Meter.CreateObservableGauge<long>(
        "functionsflow.queue.depth",
        () => LatestQueueDepths.SelectMany(hub => new[]
        {
            Depth(hub.Key, "control", hub.Value.Control),
            Depth(hub.Key, "workitems", hub.Value.WorkItems),
            Depth(hub.Key, "poison", hub.Value.Poison),
        }),
        unit: "{message}",
        description: "Messages waiting in the task hub's queues, at the last heartbeat.");

    public static void Resume(string outcome) => Resumes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>Publishes the queue lengths a heartbeat counted.</summary>
    public static void SetQueueDepths(string taskHub, QueueDepths depths) => LatestQueueDepths[taskHub] = depths;

    private static Measurement<long> Depth(string taskHub, string queue, long count) =>
        new(count, new KeyValuePair<string, object?>("task_hub", taskHub), new KeyValuePair<string, object?>("queue", queue));
}

/// <summary>Approximate message counts of the task hub's queues.</summary>
internal sealed record QueueDepths(long Control, long WorkItems, long Poison);
