using System.Diagnostics.Metrics;

namespace FunctionsFlow.Host;

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

    public static void Resume(string outcome) => Resumes.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
