using System.Globalization;
using FunctionsFlow.Host.Operations;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/health</c>: liveness for probes, and the app's health for people and monitors.</summary>
internal static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", Live).AllowAnonymous().WithName("HealthLive");
        group.MapGet("/", Get).WithName("Health");
        return group;
    }

    /// <summary>200 while the process serves requests; touches no storage.</summary>
    public static IResult Live(TimeProvider time) => TypedResults.Ok(new LiveResponse("Alive", time.GetUtcNow()));

    /// <summary>The last heartbeat's counts, the emergency switch and the alerts they raise (two storage reads).</summary>
    public static async Task<IResult> Get(SystemStore store, EmergencyMode emergency, OperationsOptions options, TimeProvider time, CancellationToken ct)
    {
        await emergency.RefreshAsync(ct).ConfigureAwait(false);
        var heartbeat = await store.GetHeartbeatAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(HealthReport.Assess(heartbeat, emergency.Current, options, time.GetUtcNow()));
    }

    internal sealed record LiveResponse(string Status, DateTimeOffset Time);
}

/// <summary>What <c>GET /api/health</c> answers.</summary>
internal sealed record HealthReport(
    string Status,
    DateTimeOffset? LastHeartbeat,
    EmergencyEndpoints.EmergencyView Emergency,
    HealthCounts Counts,
    bool CountsComplete,
    double? AverageDurationMs,
    IReadOnlyList<HealthAlert> Alerts)
{
    public const string Healthy = "Healthy";
    public const string Degraded = "Degraded";
    public const string Unhealthy = "Unhealthy";

    /// <summary>Judges a heartbeat's report against the thresholds: critical alerts make the app Unhealthy, warnings
    /// Degraded.</summary>
    public static HealthReport Assess(HeartbeatReport? heartbeat, EmergencyState emergency, OperationsOptions options, DateTimeOffset now)
    {
        var alerts = new List<HealthAlert>();
        if (emergency.Active)
        {
            alerts.Add(HealthAlert.Critical("emergency", $"Emergency mode is on since {Time(emergency.Since)} (set by {emergency.By}): {emergency.Reason}"));
        }

        if (heartbeat is null)
        {
            alerts.Add(HealthAlert.Critical("heartbeat", "No heartbeat has been recorded: the heartbeat has not run yet, or it fails."));
        }
        else
        {
            if (now - heartbeat.At > options.HeartbeatStaleAfter)
            {
                alerts.Add(HealthAlert.Critical("heartbeat", $"The last heartbeat is from {Time(heartbeat.At)}, more than {Minutes(options.HeartbeatStaleAfter)} ago: the app may not be running its upkeep."));
            }

            var finished = heartbeat.Counts.Completed24h + heartbeat.Counts.Failed24h;
            if (finished >= options.FailureRateMinRuns && (double)heartbeat.Counts.Failed24h / finished > options.FailureRateThreshold)
            {
                alerts.Add(HealthAlert.Warning("failures", string.Create(CultureInfo.InvariantCulture,
                    $"{heartbeat.Counts.Failed24h} of the {finished} executions that finished in the last 24 hours failed ({(double)heartbeat.Counts.Failed24h / finished:P0}, above {options.FailureRateThreshold:P0}).")));
            }

            if (heartbeat.Stuck > 0)
            {
                alerts.Add(HealthAlert.Warning("stuck", string.Create(CultureInfo.InvariantCulture,
                    $"{heartbeat.Stuck} executions are running past their workflow's timeout.")));
            }

            if (heartbeat.PoisonMessages is { } poison && poison > options.PoisonMessageThreshold && poison > (heartbeat.PreviousPoisonMessages ?? 0))
            {
                alerts.Add(HealthAlert.Warning("poison", string.Create(CultureInfo.InvariantCulture,
                    $"The poison queue holds {poison} messages, up from {heartbeat.PreviousPoisonMessages ?? 0} at the heartbeat before: messages that could not be processed are being set aside.")));
            }
        }

        var status = alerts.Any(a => a.Level == HealthAlert.CriticalLevel) ? Unhealthy : alerts.Count > 0 ? Degraded : Healthy;
        return new HealthReport(
            status,
            heartbeat?.At,
            EmergencyEndpoints.EmergencyView.From(emergency),
            heartbeat?.Counts ?? new HealthCounts(0, 0, 0, 0, 0, 0),
            heartbeat?.CountsComplete ?? false,
            heartbeat?.AverageDurationMs,
            alerts);
    }

    private static string Time(DateTimeOffset? time) => time?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "?";

    private static string Minutes(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} minutes");
}

/// <summary>One alert of <c>GET /api/health</c>: <c>critical</c> or <c>warning</c>, what it is about
/// (<c>heartbeat</c>, <c>failures</c>, <c>stuck</c>, <c>poison</c>, <c>emergency</c>) and what was seen.</summary>
internal sealed record HealthAlert(string Level, string Category, string Message)
{
    public const string CriticalLevel = "critical";
    public const string WarningLevel = "warning";

    public static HealthAlert Critical(string category, string message) => new(CriticalLevel, category, message);

    public static HealthAlert Warning(string category, string message) => new(WarningLevel, category, message);
}
