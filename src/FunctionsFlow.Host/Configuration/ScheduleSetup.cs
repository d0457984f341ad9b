using System.Globalization;
using FunctionsFlow.Durable.Serialization;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Schedules;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Schedules: their table in the task hub's storage and their options from configuration (the heartbeat
/// re-arms any active schedule whose orchestration is gone).</summary>
internal static class ScheduleSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddSingleton(sp => ReadOptions(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new ScheduleStore(
            sp.GetRequiredService<StorageClientFactory>(),
            sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub,
            sp.GetRequiredService<StateCodec>()));
        services.AddScheduleServices();
        return services;
    }

    /// <summary>The schedule settings over the defaults.</summary>
    /// <exception cref="InvalidOperationException">A setting is malformed.</exception>
    public static ScheduleOptions ReadOptions(IConfiguration configuration)
    {
        var options = ScheduleOptions.Default;
        if (configuration[HostSettings.ScheduleCatchUpWindow] is { Length: > 0 } window)
        {
            options = options with
            {
                DefaultCatchUpWindow = DurationJsonConverter.TryParse(window, out var parsed) && parsed > TimeSpan.Zero && parsed <= options.MaxCatchUpWindow
                    ? parsed
                    : throw new InvalidOperationException($"{HostSettings.ScheduleCatchUpWindow} must be an ISO 8601 duration from PT1S to P366D, such as P1D; it is '{window}'."),
            };
        }

        if (configuration[HostSettings.ScheduleMaxCatchUpRuns] is { Length: > 0 } runs)
        {
            options = options with
            {
                MaxCatchUpRuns = int.TryParse(runs, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed is >= 1 and <= 100
                    ? parsed
                    : throw new InvalidOperationException($"{HostSettings.ScheduleMaxCatchUpRuns} must be a whole number from 1 to 100; it is '{runs}'."),
            };
        }

        return options;
    }
}
