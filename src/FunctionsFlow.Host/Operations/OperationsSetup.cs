using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Host.Configuration;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Operations;

/// <summary>Emergency mode, the heartbeat and health: their table, settings and background services.</summary>
internal static class OperationsSetup
{
    /// <summary>Registers them, with the <see cref="DispatchPause"/> the durable worker picks up from the container; call
    /// before the worker is added, so the emergency switch is read before the worker takes any work.</summary>
    public static IServiceCollection AddOperations(this IServiceCollection services, bool customHandler)
    {
        services.AddSingleton(new DispatchPause());
        services.AddSingleton(sp => OperationsOptions.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new SystemStore(
            sp.GetRequiredService<Storage.StorageClientFactory>(),
            sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub));
        services.AddSingleton<EmergencyMode>();
        services.AddHostedService<EmergencyMonitor>();
        services.AddSingleton<Heartbeat>();
        if (!customHandler)
        {
            // Under Azure Functions the heartbeat timer function runs it (CustomHandler/CustomHandlerEndpoints.cs).
            services.AddHostedService<HeartbeatService>();
        }

        return services;
    }
}

/// <summary>Self-hosted, runs the <see cref="Heartbeat"/> at start and then every
/// <see cref="OperationsOptions.HeartbeatInterval"/>.</summary>
internal sealed partial class HeartbeatService(Heartbeat heartbeat, OperationsOptions options, ILogger<HeartbeatService> logger) : BackgroundService
{
    // The cadence is wall-clock time; the ages the heartbeat compares are the app's clock.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(options.HeartbeatInterval, heartbeat.RunAsync, ex => Log.Failed(logger, ex), stoppingToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5412, Level = LogLevel.Warning, Message = "The heartbeat failed; the next one tries again")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
