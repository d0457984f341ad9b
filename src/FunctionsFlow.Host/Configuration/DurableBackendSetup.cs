using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The task hub lives in the storage account of <c>AzureWebJobsStorage</c>, named by <c>FunctionsFlow:TaskHub</c>,
/// and encodes state with the codec of <c>FunctionsFlow:Encryption</c>.</summary>
internal static class DurableBackendSetup
{
    public static IServiceCollection AddDurableBackend(this IServiceCollection services)
    {
        services.AddSingleton(sp => EncryptionSetup.CreateCodec(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(sp => new AzureStorageBackend(
            sp.GetRequiredService<StorageClientFactory>(),
            new AzureStorageBackendOptions
            {
                TaskHubName = sp.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub,
                Codec = sp.GetRequiredService<StateCodec>(),
            },
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDurableBackend>(sp => sp.GetRequiredService<AzureStorageBackend>());
        return services;
    }
}
