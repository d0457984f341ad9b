using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Backend.InMemory;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Serialization;
using FunctionsFlow.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Hosting;

/// <summary>Registers the durable engine with a host.</summary>
public static class DurableServiceCollectionExtensions
{
    /// <summary>Adds the registry (filled by <paramref name="register"/>), a client and a worker that runs in the background.
    /// A backend must be registered as <see cref="IDurableBackend"/> (see <see cref="UseInMemoryDurableBackend"/>).</summary>
    public static IServiceCollection AddDurableTask(
        this IServiceCollection services,
        Action<DurableTaskRegistry> register,
        Action<DurableWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(register);
        var registry = new DurableTaskRegistry();
        register(registry);
        var options = new DurableWorkerOptions();
        configure?.Invoke(options);

        services.AddSingleton(registry);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DataConverter.Default);
        services.AddSingleton(sp => new DurableClient(sp.GetRequiredService<IDurableBackend>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<DataConverter>()));
        services.AddSingleton(sp => new DurableWorker(
            sp.GetRequiredService<IDurableBackend>(),
            registry,
            sp,
            WithPause(sp.GetRequiredService<DurableWorkerOptions>(), sp.GetService<DispatchPause>()),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<DataConverter>()));
        services.AddHostedService(sp => sp.GetRequiredService<DurableWorker>());
        return services;
    }

    /// <summary>A <see cref="DispatchPause"/> registered in the container pauses the worker, unless its options name one.</summary>
    private static DurableWorkerOptions WithPause(DurableWorkerOptions options, DispatchPause? pause)
    {
        options.Pause ??= pause;
        return options;
    }

    /// <summary>Keeps the task hub in memory (tests and demos; nothing survives a restart).</summary>
    public static IServiceCollection UseInMemoryDurableBackend(this IServiceCollection services)
    {
        services.AddSingleton<IDurableBackend>(sp => new InMemoryBackend(sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
