using System.Diagnostics;
using System.Globalization;
using System.Text;
using FunctionsFlow.Durable.Diagnostics;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Storage;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FunctionsFlow.Host.Telemetry;

/// <summary>Where the app's traces and metrics go (<c>FunctionsFlow:Telemetry:Exporter</c>).</summary>
internal enum TelemetryExporter
{
    /// <summary>Nowhere from the app itself: a listener of its own (an OpenTelemetry distribution, dotnet-counters,
    /// dotnet-trace) can still subscribe to the sources by name.</summary>
    None,

    /// <summary>Through the OpenTelemetry SDK to the app's log, one line a span and one a metric point per interval:
    /// under Azure Functions the host forwards them to Application Insights.</summary>
    Log,
}

/// <summary>The OpenTelemetry SDK wired to the app's sources and meters, with the exporter, sampling ratio and metric
/// interval from configuration.</summary>
internal sealed class TelemetryExport(IConfiguration configuration, ILoggerFactory logs) : IHostedService, IDisposable
{
    /// <summary>The sources and meters exported: the app's own and ASP.NET Core's.</summary>
    public static readonly string[] Sources = [DurableTelemetry.Name, StorageTelemetry.Name, HostTelemetry.Name, "Microsoft.AspNetCore"];

    public static readonly string[] Meters = [DurableTelemetry.Name, HostTelemetry.Name, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    private TracerProvider? _traces;
    private MeterProvider? _metrics;

    /// <summary>Sends what is buffered now (tests, and the stop).</summary>
    public void Flush()
    {
        _traces?.ForceFlush();
        _metrics?.ForceFlush();
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = TelemetrySettings.From(configuration);
        if (settings.Exporter == TelemetryExporter.Log)
        {
            var logger = logs.CreateLogger("FunctionsFlow.Telemetry");
            _traces = Sdk.CreateTracerProviderBuilder()
                .AddSource(Sources)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(settings.SamplingRatio)))
                .AddProcessor(new BatchActivityExportProcessor(new LogSpanExporter(logger)))
                .Build();
            _metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(Meters)
                .AddReader(new PeriodicExportingMetricReader(new LogMetricExporter(logger), (int)settings.MetricsInterval.TotalMilliseconds))
                .Build();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Flush();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _traces?.Dispose();
        _metrics?.Dispose();
    }
}

/// <summary>The <c>FunctionsFlow:Telemetry</c> settings.</summary>
internal sealed record TelemetrySettings(TelemetryExporter Exporter, double SamplingRatio, TimeSpan MetricsInterval)
{
    public static TelemetrySettings From(IConfiguration configuration)
    {
        var exporter = configuration[HostSettings.TelemetryExporter] is { Length: > 0 } name
            ? Enum.TryParse<TelemetryExporter>(name, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                : throw new InvalidOperationException($"{HostSettings.TelemetryExporter} must be None or Log; it is '{name}'.")
            : TelemetryExporter.None;
        var ratio = configuration[HostSettings.TelemetrySamplingRatio] is { Length: > 0 } text
            ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1 ? r
                : throw new InvalidOperationException($"{HostSettings.TelemetrySamplingRatio} must be a number from 0 to 1; it is '{text}'.")
            : 1.0;
        var interval = configuration[HostSettings.TelemetryMetricsInterval] is { Length: > 0 } duration
            ? Durable.Serialization.DurationJsonConverter.TryParse(duration, out var d) && d >= TimeSpan.FromSeconds(1) && d <= TimeSpan.FromHours(1) ? d
                : throw new InvalidOperationException($"{HostSettings.TelemetryMetricsInterval} must be an ISO 8601 duration from PT1S to PT1H; it is '{duration}'.")
            : TimeSpan.FromMinutes(1);
        return new TelemetrySettings(exporter, ratio, interval);
    }
}

/// <summary>Writes each finished span as a log line: name, duration, status, trace and span ids, and the tags known to
/// carry no secret (a URL path can hold a resume key, so only the storage client's paths, which never do, are kept).</summary>
internal sealed partial class LogSpanExporter(ILogger logger) : BaseExporter<Activity>
{
    private static readonly HashSet<string> SafeTags = new(StringComparer.Ordinal)
    {
        "http.request.method", "http.response.status_code", "http.route", "server.address", "error.type",
        "functionsflow.instance_id", "functionsflow.orchestration", "functionsflow.activity", "functionsflow.new_events", "functionsflow.status",
    };

    public override ExportResult Export(in Batch<Activity> batch)
    {
        foreach (var span in batch)
        {
            var tags = new StringBuilder();
            foreach (var (key, value) in span.TagObjects)
            {
                if (SafeTags.Contains(key) || (key == "url.path" && span.Source.Name == StorageTelemetry.Name))
                {
                    tags.Append(' ').Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                }
            }

            var (status, traceId, spanId, parentId, written) = (span.Status.ToString(), span.TraceId.ToHexString(), span.SpanId.ToHexString(), span.ParentSpanId.ToHexString(), tags.ToString());
            Log.Span(logger, span.DisplayName, span.Duration.TotalMilliseconds, status, traceId, spanId, parentId, written);
        }

        return ExportResult.Success;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5500, Level = LogLevel.Information, Message = "span {Name} {DurationMs:0.0} ms {Status} trace={TraceId} span={SpanId} parent={ParentId}{Tags}")]
        public static partial void Span(ILogger logger, string name, double durationMs, string status, string traceId, string spanId, string parentId, string tags);
    }
}

/// <summary>Writes each metric point as a log line at every export interval: name, tags, and the sum, last value or
/// count and sum of a histogram.</summary>
internal sealed partial class LogMetricExporter(ILogger logger) : BaseExporter<Metric>
{
    public override ExportResult Export(in Batch<Metric> batch)
    {
        foreach (var metric in batch)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new StringBuilder();
                foreach (var tag in point.Tags)
                {
                    tags.Append(' ').Append(tag.Key).Append('=').Append(Convert.ToString(tag.Value, CultureInfo.InvariantCulture));
                }

                var value = metric.MetricType switch
                {
                    MetricType.LongSum or MetricType.LongSumNonMonotonic => point.GetSumLong().ToString(CultureInfo.InvariantCulture),
                    MetricType.DoubleSum or MetricType.DoubleSumNonMonotonic => point.GetSumDouble().ToString(CultureInfo.InvariantCulture),
                    MetricType.LongGauge => point.GetGaugeLastValueLong().ToString(CultureInfo.InvariantCulture),
                    MetricType.DoubleGauge => point.GetGaugeLastValueDouble().ToString(CultureInfo.InvariantCulture),
                    MetricType.Histogram => string.Create(CultureInfo.InvariantCulture, $"count={point.GetHistogramCount()} sum={point.GetHistogramSum()}"),
                    _ => metric.MetricType.ToString(),
                };
                var written = tags.ToString();
                Log.Point(logger, metric.Name, value, metric.Unit ?? string.Empty, written);
            }
        }

        return ExportResult.Success;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5501, Level = LogLevel.Information, Message = "metric {Name} {Value} {Unit}{Tags}")]
        public static partial void Point(ILogger logger, string name, string value, string unit, string tags);
    }
}

/// <summary>Names ASP.NET Core's request spans after their route template (<c>POST /api/resume/{key}</c>, never the
/// path, which can hold a key) and tags them with the method, route and status code.</summary>
internal static class RequestSpans
{
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";

    public static IApplicationBuilder UseRequestSpanNames(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context).ConfigureAwait(false);
            if (Activity.Current is { OperationName: RequestActivity } span)
            {
                var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
                span.DisplayName = route is null ? context.Request.Method : $"{context.Request.Method} {(route.StartsWith('/') ? route : "/" + route)}";
                span.SetTag("http.request.method", context.Request.Method);
                span.SetTag("http.route", route);
                span.SetTag("http.response.status_code", context.Response.StatusCode);
            }
        });
}
