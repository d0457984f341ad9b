using Azure;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Storage.Secrets;

/// <summary>Secrets in Azure Key Vault through <see cref="SecretClient"/>: each write a new version with its content
/// type, tags and expiry; deletes are soft (the vault keeps the secret recoverable), and a write to a soft-deleted name
/// recovers it first. A vault that keeps answering 429 after the SDK's retries is backed off further.</summary>
public sealed partial class KeyVaultSecretStore : ISecretStore
{
    private readonly SecretClient _client;
    private readonly TimeProvider _time;
    private readonly KeyVaultSecretStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store over <paramref name="client"/>.</summary>
    public KeyVaultSecretStore(SecretClient client, TimeProvider? time = null, KeyVaultSecretStoreOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _time = time ?? TimeProvider.System;
        _options = options ?? new KeyVaultSecretStoreOptions();
        _logger = logger ?? NullLogger.Instance;
    }

    /// <inheritdoc />
    public string Description => $"Azure Key Vault {_client.VaultUri}";

    /// <inheritdoc />
    public async Task<string> SetAsync(string name, SecretWrite secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        SecretNames.Validate(name, secret);
        var version = await TrySetAsync(name, secret, cancellationToken).ConfigureAwait(false);
        if (version is not null)
        {
            return version;
        }

        // 409: the name belongs to a soft-deleted secret. Bring it back, then write the new version over it.
        await RecoverAsync(name, cancellationToken).ConfigureAwait(false);
        return await TrySetAsync(name, secret, cancellationToken).ConfigureAwait(false)
            ?? throw new SecretStoreException(SecretStoreError.Conflict, $"Key Vault still refuses to write secret '{name}' after recovering it (409).", 409);
    }

    /// <inheritdoc />
    public Task<StoredSecret?> GetAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        return CallAsync("get", name, async ct =>
        {
            try
            {
                var secret = (await _client.GetSecretAsync(name, version, ct).ConfigureAwait(false)).Value;
                return new StoredSecret
                {
                    Name = name,
                    Version = secret.Properties.Version,
                    Value = secret.Value,
                    ContentType = secret.Properties.ContentType,
                    ExpiresOn = secret.Properties.ExpiresOn,
                };
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        return CallAsync("delete", name, async ct =>
        {
            try
            {
                // The operation completes when the vault has moved the secret to its deleted secrets; nothing waits for that.
                await _client.StartDeleteSecretAsync(name, ct).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return false;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> DisableVersionsExceptAsync(string name, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentNullException.ThrowIfNull(keep);
        var superseded = await CallAsync("list the versions of", name, async ct =>
        {
            var found = new List<SecretProperties>();
            try
            {
                await foreach (var properties in _client.GetPropertiesOfSecretVersionsAsync(name, ct).ConfigureAwait(false))
                {
                    if (properties.Enabled == true && !keep.Contains(properties.Version, StringComparer.Ordinal))
                    {
                        found.Add(properties);
                    }
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                found.Clear();
            }

            return found;
        }, cancellationToken).ConfigureAwait(false);

        foreach (var properties in superseded)
        {
            properties.Enabled = false;
            await CallAsync("disable a version of", name, async ct => (await _client.UpdateSecretPropertiesAsync(properties, ct).ConfigureAwait(false)).Value, cancellationToken).ConfigureAwait(false);
        }

        return superseded.Count;
    }

    /// <summary>The new version's id, or null when the vault answered 409 (the name is soft-deleted).</summary>
    private Task<string?> TrySetAsync(string name, SecretWrite secret, CancellationToken cancellationToken) =>
        CallAsync("set", name, async ct =>
        {
            var value = new KeyVaultSecret(name, secret.Value);
            value.Properties.ContentType = secret.ContentType;
            value.Properties.ExpiresOn = secret.ExpiresOn;
            foreach (var (tag, text) in secret.Tags)
            {
                value.Properties.Tags[tag] = text;
            }

            try
            {
                return (await _client.SetSecretAsync(value, ct).ConfigureAwait(false)).Value.Properties.Version;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                return null;
            }
        }, cancellationToken);

    private async Task RecoverAsync(string name, CancellationToken cancellationToken)
    {
        var operation = await CallAsync("recover", name, async ct =>
        {
            try
            {
                return await _client.StartRecoverDeletedSecretAsync(name, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return null;
            }
        }, cancellationToken).ConfigureAwait(false) ?? throw new SecretStoreException(
            SecretStoreError.Conflict, $"Key Vault refused to write secret '{name}' (409), and it is not a deleted secret that could be recovered.", 409);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RecoveryTimeout);
        try
        {
            await CallAsync("wait for the recovery of", name, async ct => await operation.WaitForCompletionAsync(_options.RecoveryPollInterval, ct).ConfigureAwait(false), timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SecretStoreException(SecretStoreError.Unavailable, $"Secret '{name}' was not recovered within {_options.RecoveryTimeout}.");
        }

        Log.Recovered(_logger, name);
    }
}
