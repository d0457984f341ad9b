using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Records the engine's and the storage client's spans while it is open, to show where a measured time goes:
/// each span's name, its start relative to the recorder's and its duration.</summary>
internal sealed class SpanRecorder : IDisposable
{
    /// <summary>Spans of the scenarios' own steps worth seeing among the engine's.</summary>
    public static readonly ActivitySource Source = new("FunctionsFlow.Bench");

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly DateTime _opened = DateTime.UtcNow;

    public SpanRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("FunctionsFlow.", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The spans that ended, in order of start: offset, duration, name and the storage path where there is one.
    /// Storage calls outside the engine's spans (the scenario's own polling, the worker's queue polls) are left out
    /// unless <paramref name="all"/>.</summary>
    public string Describe(bool all = false)
    {
        var text = new StringBuilder();
        foreach (var span in _spans.Where(s => all || s.Source.Name != "FunctionsFlow.Storage" || s.Parent is not null).OrderBy(s => s.StartTimeUtc))
        {
            var path = span.GetTagItem("url.path") as string;
            text.Append(CultureInfo.InvariantCulture, $"  +{(span.StartTimeUtc - _opened).TotalMilliseconds,7:0.0} ms {span.Duration.TotalMilliseconds,7:0.0} ms  {span.DisplayName}");
            text.AppendLine(path is null ? "" : " " + Shorten(path));
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static string Shorten(string path) => path.Length > 90 ? path[..90] + "…" : path;
}
