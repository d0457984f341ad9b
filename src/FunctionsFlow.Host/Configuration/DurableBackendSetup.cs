using FunctionsFlow.Durable.Hosting;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Chooses where the task hub lives.</summary>
internal static class DurableBackendSetup
{
    public static IServiceCollection AddDurableBackend(this IServiceCollection services, IConfiguration configuration)
    {
        // Interim: the Azure Storage backend is wired here once it lands.
        _ = configuration;
        return services.UseInMemoryDurableBackend();
    }
}
