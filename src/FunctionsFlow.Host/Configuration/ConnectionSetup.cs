using Azure.Core;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Workflows.Connections;
using FunctionsFlow.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Connections: their table in the task hub's storage, their secrets in Key Vault when
/// <c>FunctionsFlow:KeyVault:Uri</c> names one (else in the local encrypted store), and the service the routes and the
/// <c>http</c> steps use. The app says at start which secret store is in use.</summary>
internal static partial class ConnectionSetup
{
    public static IServiceCollection AddWorkflowConnections(this IServiceCollection services)
    {
        services.TryAddSingleton(ConnectionOptions.Default);
        services.AddSingleton(sp => new ConnectionStore(sp.GetRequiredService<StorageClientFactory>(), TaskHub(sp)));
        services.TryAddSingleton(sp => CreateSecretClient(KeyVaultUri(sp.GetRequiredService<IConfiguration>())!, sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton(CreateSecretStore);
        services.AddSingleton(sp => new OAuthTokenClient(new HttpClient(WorkflowHttpClient.CreateHandler(sp.GetRequiredService<WorkflowHttpOptions>()))
        {
            Timeout = sp.GetRequiredService<ConnectionOptions>().RefreshTimeout,
        }));
        services.AddSingleton(sp => new ConnectionService(
            sp.GetRequiredService<ConnectionStore>(),
            sp.GetRequiredService<ISecretStore>(),
            sp.GetRequiredService<OAuthTokenClient>(),
            TaskHub(sp),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ConnectionOptions>(),
            sp.GetRequiredService<ILogger<ConnectionService>>()));
        services.AddSingleton<IConnectionCredentials>(sp => sp.GetRequiredService<ConnectionService>());
        services.AddHostedService<ConnectionStorageInitializer>();
        return services;
    }

    /// <summary>The vault of <c>FunctionsFlow:KeyVault:Uri</c>, or null when none is set.</summary>
    /// <exception cref="InvalidOperationException">The setting is not an absolute https URI.</exception>
    public static Uri? KeyVaultUri(IConfiguration configuration)
    {
        var value = configuration[HostSettings.KeyVaultUri];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            ? uri
            : throw new InvalidOperationException($"{HostSettings.KeyVaultUri} must be the vault's https URI, such as https://my-vault.vault.azure.net/; it is '{value}'.");
    }

    /// <summary>Key Vault when configured; otherwise the local encrypted store, which outside Development needs the task
    /// hub's encryption key (a key kept beside the secrets is for development only). Without either, the app still runs,
    /// and every use of a connection is refused with what to set.</summary>
    private static ISecretStore CreateSecretStore(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var time = services.GetRequiredService<TimeProvider>();
        if (KeyVaultUri(configuration) is not null)
        {
            return new KeyVaultSecretStore(services.GetRequiredService<SecretClient>(), time, logger: services.GetRequiredService<ILoggerFactory>().CreateLogger<KeyVaultSecretStore>());
        }

        var codec = services.GetRequiredService<StateCodec>();
        if (!codec.Encrypts && !services.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            return new UnconfiguredSecretStore();
        }

        return new LocalSecretStore(services.GetRequiredService<StorageClientFactory>(), TaskHub(services), time, codec);
    }

    private static SecretClient CreateSecretClient(Uri vault, IConfiguration configuration)
    {
        var options = new SecretClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromSeconds(0.5);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(30);
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = configuration[HostSettings.StorageClientId] });
        return new SecretClient(vault, credential, options);
    }

    private static string TaskHub(IServiceProvider services) => services.GetRequiredService<IOptions<FunctionsFlowOptions>>().Value.TaskHub;

    /// <summary>Creates the connections table (and the local store's) and says which secret store is in use.</summary>
    private sealed class ConnectionStorageInitializer(ConnectionStore store, ISecretStore secrets, ILogger<ConnectionService> logger) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await store.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            if (secrets is LocalSecretStore local)
            {
                await local.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
            }

            if (secrets is UnconfiguredSecretStore)
            {
                Log.NoSecretStore(logger, secrets.Description);
            }
            else
            {
                Log.SecretStore(logger, secrets.Description);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 5400, Level = LogLevel.Information, Message = "Connections keep their secrets in {Store}")]
        public static partial void SecretStore(ILogger logger, string store);

        [LoggerMessage(EventId = 5401, Level = LogLevel.Warning, Message = "Connections cannot be used: {Reason}")]
        public static partial void NoSecretStore(ILogger logger, string reason);
    }

    /// <summary>Where secrets would go outside Development with neither a vault nor an encryption key: nowhere. Every call
    /// is refused with what to set, so no secret is ever kept under a key that sits beside it in production.</summary>
    private sealed class UnconfiguredSecretStore : ISecretStore
    {
        public string Description =>
            $"no secret store is configured: set {HostSettings.KeyVaultUri} (in Azure), or {HostSettings.EncryptionKey} for the local encrypted store";

        public Task<string> SetAsync(string name, SecretWrite secret, CancellationToken cancellationToken = default) => throw Refused();

        public Task<StoredSecret?> GetAsync(string name, string version, CancellationToken cancellationToken = default) => throw Refused();

        public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => throw Refused();

        public Task<int> DisableVersionsExceptAsync(string name, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default) => throw Refused();

        private SecretStoreException Refused() => new(SecretStoreError.Forbidden, "Connections cannot be used here: " + Description + ".");
    }
}
