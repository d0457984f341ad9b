using Azure.Core;
using Azure.Identity;
using FunctionsFlow.Storage;

namespace FunctionsFlow.Host.Configuration;

/// <summary>Builds the storage account from the Functions setting <c>AzureWebJobsStorage</c>.</summary>
/// <remarks>Accepts what Azure Functions accepts: a connection string (including
/// <c>UseDevelopmentStorage=true</c>), or identity-based settings (<c>AzureWebJobsStorage__accountName</c>,
/// or <c>__blobServiceUri</c>/<c>__queueServiceUri</c>/<c>__tableServiceUri</c>, with an optional
/// <c>__clientId</c> for a user-assigned identity). A bare service URI as the value also selects Entra ID.</remarks>
internal static class StorageConfiguration
{
    public static StorageAccount CreateAccount(IConfiguration configuration, Func<string?, TokenCredential>? credentialFactory = null)
    {
        credentialFactory ??= CreateCredential;
        var value = configuration[HostSettings.Storage];

        if (!string.IsNullOrWhiteSpace(value))
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            {
                return StorageAccount.FromServiceUri(uri, credentialFactory(configuration[HostSettings.StorageClientId]));
            }

            return StorageAccount.Parse(value);
        }

        var clientId = configuration[HostSettings.StorageClientId];
        if (configuration[HostSettings.StorageAccountName] is { Length: > 0 } accountName)
        {
            return StorageAccount.FromAccountName(accountName, credentialFactory(clientId));
        }

        if (configuration[HostSettings.StorageBlobServiceUri] is { Length: > 0 } blob &&
            configuration[HostSettings.StorageQueueServiceUri] is { Length: > 0 } queue &&
            configuration[HostSettings.StorageTableServiceUri] is { Length: > 0 } table)
        {
            return StorageAccount.FromUris(new Uri(blob), new Uri(queue), new Uri(table), credentialFactory(clientId));
        }

        throw new InvalidOperationException(
            $"No storage account is configured. Set {HostSettings.Storage} to a connection string (UseDevelopmentStorage=true locally), " +
            $"or {HostSettings.Storage}__accountName for a managed identity.");
    }

    private static TokenCredential CreateCredential(string? clientId) =>
        new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = clientId });
}
