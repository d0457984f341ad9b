using System.Globalization;
using System.Numerics;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Serialization;
using FunctionsFlow.Host.Configuration;

namespace FunctionsFlow.Host.Operations;

/// <summary>What the executions past their workflow's <c>timeout</c> get from the heartbeat.</summary>
internal enum OverdueAction
{
    /// <summary>Terminated, with the reason in their output.</summary>
    Terminate,

    /// <summary>Left running, counted as stuck in <c>GET /api/health</c>.</summary>
    Flag,
}

/// <summary>The heartbeat's, retention's and health's settings (<c>FunctionsFlow:Heartbeat</c>, <c>:Retention</c>,
/// <c>:Health</c>), durations in ISO 8601 (<c>PT1M</c>, <c>P30D</c>).</summary>
internal sealed record OperationsOptions
{
    /// <summary>How often the heartbeat runs self-hosted (under Azure Functions its timer function's schedule rules).</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromMinutes(1);

    public OverdueAction OverdueAction { get; init; } = OverdueAction.Terminate;

    /// <summary>How long finished executions are kept, by final status (Completed, Failed, Terminated).</summary>
    public IReadOnlyDictionary<OrchestrationRuntimeStatus, TimeSpan> Retention { get; init; } = new Dictionary<OrchestrationRuntimeStatus, TimeSpan>
    {
        [OrchestrationRuntimeStatus.Completed] = TimeSpan.FromDays(30),
        [OrchestrationRuntimeStatus.Failed] = TimeSpan.FromDays(90),
        [OrchestrationRuntimeStatus.Terminated] = TimeSpan.FromDays(30),
    };

    /// <summary>The most executions one heartbeat purges (the rest wait for the next), so a backlog never stalls the app.</summary>
    public int MaxPurgePerRound { get; init; } = 200;

    /// <summary>The most instances one heartbeat reads to count them; past it the counts say they are partial.</summary>
    public int MaxScannedInstances { get; init; } = 100_000;

    /// <summary>A heartbeat older than this is an alert.</summary>
    public TimeSpan HeartbeatStaleAfter { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Failed over finished executions in the last 24 hours above this is an alert...</summary>
    public double FailureRateThreshold { get; init; } = 0.2;

    /// <summary>...once at least this many finished.</summary>
    public int FailureRateMinRuns { get; init; } = 10;

    /// <summary>More poison messages than this, and more than at the heartbeat before, is an alert.</summary>
    public int PoisonMessageThreshold { get; init; }

    /// <summary>Reads the settings, refusing values that make no sense with the setting's name.</summary>
    public static OperationsOptions From(IConfiguration configuration)
    {
        var defaults = new OperationsOptions();
        var retention = defaults.Retention.ToDictionary(r => r.Key, r => Duration(configuration, HostSettings.Retention + ":" + r.Key, r.Value));
        return new OperationsOptions
        {
            HeartbeatInterval = Duration(configuration, HostSettings.HeartbeatInterval, defaults.HeartbeatInterval),
            OverdueAction = configuration[HostSettings.HeartbeatOverdueAction] is { Length: > 0 } action
                ? Enum.TryParse<OverdueAction>(action, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed
                    : throw new InvalidOperationException($"{HostSettings.HeartbeatOverdueAction} must be Terminate or Flag; it is '{action}'.")
                : defaults.OverdueAction,
            Retention = retention,
            MaxPurgePerRound = Number(configuration, HostSettings.RetentionMaxPurgePerRound, defaults.MaxPurgePerRound, 1, 10_000),
            HeartbeatStaleAfter = Duration(configuration, HostSettings.HealthHeartbeatStaleAfter, defaults.HeartbeatStaleAfter),
            FailureRateThreshold = Number(configuration, HostSettings.HealthFailureRate, defaults.FailureRateThreshold, 0, 1),
            FailureRateMinRuns = Number(configuration, HostSettings.HealthFailureRateMinRuns, defaults.FailureRateMinRuns, 1, 1_000_000),
            PoisonMessageThreshold = Number(configuration, HostSettings.HealthPoisonMessages, defaults.PoisonMessageThreshold, 0, 1_000_000),
        };
    }

    private static TimeSpan Duration(IConfiguration configuration, string key, TimeSpan fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : DurationJsonConverter.TryParse(text, out var value) && value > TimeSpan.Zero && value <= TimeSpan.FromDays(3650) ? value
        : throw new InvalidOperationException($"{key} must be an ISO 8601 duration from PT1S to P3650D, such as P30D; it is '{text}'.");

    private static T Number<T>(IConfiguration configuration, string key, T fallback, T min, T max)
        where T : struct, INumber<T> =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : T.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value
        : throw new InvalidOperationException($"{key} must be a number from {min} to {max}; it is '{text}'.");
}
