using FunctionsFlow.Durable.Worker;

namespace FunctionsFlow.Host.Operations;

/// <summary>Emergency mode in this process: the stored switch as last read, applied to the worker's
/// <see cref="DispatchPause"/>. Turning it on or off writes the switch and applies it here at once; other instances of
/// the app apply it at their next refresh (<see cref="EmergencyMonitor"/>).</summary>
internal sealed partial class EmergencyMode(SystemStore store, DispatchPause pause, TimeProvider time, ILogger<EmergencyMode> logger)
{
    private volatile EmergencyState _current = EmergencyState.Off;

    /// <summary>The switch as last read or set here.</summary>
    public EmergencyState Current => _current;

    /// <summary>Turns emergency mode on: starts answer 503 and the worker takes no new work.</summary>
    public async Task<EmergencyState> ActivateAsync(string reason, string by, CancellationToken cancellationToken)
    {
        var state = _current is { Active: true } on ? on with { Reason = reason, By = by } : new EmergencyState(true, reason, time.GetUtcNow(), by);
        await store.SetEmergencyAsync(state, cancellationToken).ConfigureAwait(false);
        Apply(state);
        return state;
    }

    /// <summary>Turns emergency mode off: everything goes on where it stopped.</summary>
    public async Task<EmergencyState> LiftAsync(string by, CancellationToken cancellationToken)
    {
        var state = new EmergencyState(false, null, time.GetUtcNow(), by);
        await store.SetEmergencyAsync(state, cancellationToken).ConfigureAwait(false);
        Apply(state);
        return state;
    }

    /// <summary>Reads the stored switch and applies it.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken) => Apply(await store.GetEmergencyAsync(cancellationToken).ConfigureAwait(false));

    private void Apply(EmergencyState state)
    {
        var was = _current.Active;
        _current = state;
        if (state.Active)
        {
            pause.Pause();
            if (!was)
            {
                Log.On(logger, state.By ?? "?", state.Reason ?? string.Empty);
            }
        }
        else
        {
            pause.Resume();
            if (was)
            {
                Log.Off(logger, state.By ?? "?");
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5400, Level = LogLevel.Warning, Message = "Emergency mode is on (set by {By}): {Reason}. Starts answer 503 and no work is dispatched")]
        public static partial void On(ILogger logger, string by, string reason);

        [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Emergency mode is off (lifted by {By}); work goes on where it stopped")]
        public static partial void Off(ILogger logger, string by);
    }
}

/// <summary>Reads the emergency switch before the worker starts (so a restart during an emergency takes no work), then
/// every <see cref="Cadence.Interval"/> (ten seconds unless registered otherwise) to follow changes made elsewhere.</summary>
internal sealed partial class EmergencyMonitor(SystemStore store, EmergencyMode emergency, ILogger<EmergencyMonitor> logger, EmergencyMonitor.Cadence? cadence = null) : BackgroundService
{
    private readonly TimeSpan _interval = cadence?.Interval ?? TimeSpan.FromSeconds(10);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await emergency.RefreshAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Configuration.PeriodicSweep.RunAsync(_interval, emergency.RefreshAsync, ex => Log.Failed(logger, ex), stoppingToken);

    /// <summary>How often the switch is read again.</summary>
    internal sealed record Cadence(TimeSpan Interval);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5402, Level = LogLevel.Warning, Message = "Reading the emergency switch failed; trying again shortly")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
