using FunctionsFlow.Host.Security.ApiKeys;
using FunctionsFlow.Host.Users;
using FunctionsFlow.Storage;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The host's own tables in the task hub's storage (API keys, users' settings), created at start.</summary>
internal static class HostStoresSetup
{
    public static IServiceCollection AddHostStores(this IServiceCollection services)
    {
        services.AddTaskHubStore((factory, taskHub, time) => new ApiKeyStore(factory, taskHub, time));
        services.AddTaskHubStore((factory, taskHub, time) => new UserSettingsStore(factory, taskHub, time));
        services.AddHostedService<HostStoresInitializer>();
        return services;
    }

    private static void AddTaskHubStore<T>(this IServiceCollection services, Func<StorageClientFactory, string, TimeProvider, T> create)
        where T : class =>
        services.AddSingleton(sp => create(
            sp.GetRequiredService<StorageClientFactory>(),
            sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub,
            sp.GetRequiredService<TimeProvider>()));

    /// <summary>Creates the tables before anything uses them.</summary>
    private sealed class HostStoresInitializer(ApiKeyStore apiKeys, UserSettingsStore settings) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            Task.WhenAll(apiKeys.CreateIfNotExistsAsync(cancellationToken), settings.CreateIfNotExistsAsync(cancellationToken));

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
