using FunctionsFlow.Host.Security.ApiKeys;
using FunctionsFlow.Storage;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The host's own tables in the task hub's storage (API keys), created at start.</summary>
internal static class HostStoresSetup
{
    public static IServiceCollection AddHostStores(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ApiKeyStore(
            sp.GetRequiredService<StorageClientFactory>(),
            sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub,
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<HostStoresInitializer>();
        return services;
    }

    /// <summary>Creates the tables before anything uses them.</summary>
    private sealed class HostStoresInitializer(ApiKeyStore apiKeys) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => apiKeys.CreateIfNotExistsAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
