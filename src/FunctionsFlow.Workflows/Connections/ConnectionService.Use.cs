using System.Text.Json;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Secrets;

namespace FunctionsFlow.Workflows.Connections;

public sealed partial class ConnectionService
{
    /// <inheritdoc />
    public async Task<ConnectionCredential> AcquireAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        var connection = await LoadUsableAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (IsDue(connection))
        {
            connection = await RefreshOnceAsync(connection, force: false, cancellationToken).ConfigureAwait(false);
        }

        return await UseAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ConnectionCredential?> AcquireAfterRejectionAsync(string owner, string name, ConnectionCredential rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var connection = await LoadUsableAsync(owner, name, cancellationToken).ConfigureAwait(false);
        _cache.Invalidate(connection.SecretName);
        if (connection.SecretVersion != rejected.Version)
        {
            // Someone put it again, or another process refreshed it, since the rejected credential was read.
            return await UseAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        if (!connection.CanRefresh)
        {
            return null;
        }

        Log.RefreshAfterRejection(_logger, owner, name);
        connection = await RefreshOnceAsync(connection, force: true, cancellationToken).ConfigureAwait(false);
        return connection.SecretVersion == rejected.Version ? null : await UseAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when an OAuth connection that can be refreshed is within <see cref="ConnectionOptions.RefreshBefore"/> of its expiry.</summary>
    private bool IsDue(Connection connection) =>
        connection.CanRefresh && connection.ExpiresAt is { } expires && expires - _time.GetUtcNow() <= _options.RefreshBefore;

    /// <summary>The connection, or why it cannot be used.</summary>
    private async Task<Connection> LoadUsableAsync(string owner, string name, CancellationToken cancellationToken)
    {
        var connection = await _store.GetAsync(owner, name, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectionUnusableException($"There is no connection '{name}': create it with PUT /api/connections/{name}.");
        return connection.StatusAt(_time.GetUtcNow()) switch
        {
            ConnectionStatus.NeedsReauthorization => throw NeedsReauthorization(connection),
            ConnectionStatus.Expired => throw new ConnectionUnusableException($"Connection '{name}' expired at {connection.ExpiresAt:O}: put it again with a new credential."),
            _ => connection,
        };
    }

    private static ConnectionUnusableException NeedsReauthorization(Connection connection) =>
        new($"Connection '{connection.Name}' needs to be authorized again: its token endpoint refused to refresh it" +
            (connection.StatusReason is { } reason ? $" ({reason})" : string.Empty) + ". Put it again with new tokens.");

    /// <summary>The credential of a usable connection, with the use recorded.</summary>
    private async Task<ConnectionCredential> UseAsync(Connection connection, CancellationToken cancellationToken)
    {
        var secret = await ReadSecretAsync(connection, connection.SecretName, connection.SecretVersion, cancellationToken).ConfigureAwait(false);
        var credential = ConnectionCredential.From(connection, Parse(connection, secret));
        await TouchAsync(connection, cancellationToken).ConfigureAwait(false);
        return credential;
    }

    /// <summary>One version of one of a connection's secrets: from the cache while fresh, else from the store, else (when
    /// the store fails) from the cache while not too stale.</summary>
    private async Task<string> ReadSecretAsync(Connection connection, string secretName, string version, CancellationToken cancellationToken)
    {
        if (_cache.Fresh(secretName, version) is { } cached)
        {
            return cached;
        }

        StoredSecret? stored;
        try
        {
            stored = await _secrets.GetAsync(secretName, version, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException ex) when (ex.IsTransient && _cache.Stale(secretName, version) is { } stale)
        {
            Log.ServedStale(_logger, connection.Owner, connection.Name, ex.Message);
            return stale;
        }
        catch (SecretStoreException ex)
        {
            throw ex.Error switch
            {
                SecretStoreError.Expired => new ConnectionUnusableException($"The secret of connection '{connection.Name}' has expired in the secret store: put the connection again."),
                SecretStoreError.Disabled => new ConnectionUnavailableException($"The secret of connection '{connection.Name}' was superseded while it was read; try again."),
                _ => new ConnectionUnavailableException($"The secret of connection '{connection.Name}' could not be read: {ex.Message}"),
            };
        }

        if (stored is null)
        {
            throw new ConnectionUnusableException($"The secret of connection '{connection.Name}' is missing from the secret store ({_secrets.Description}): put the connection again.");
        }

        _cache.Set(secretName, version, stored.Value);
        return stored.Value;
    }

    /// <summary>Records the use (at most once per <see cref="ConnectionOptions.LastUsedResolution"/>); a failure to record
    /// it does not fail the use.</summary>
    private async Task TouchAsync(Connection connection, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (connection.LastUsedAt is { } last && now - last < _options.LastUsedResolution)
        {
            return;
        }

        try
        {
            await _store.TouchAsync(connection.Owner, connection.Name, now, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex)
        {
            Log.TouchFailed(_logger, connection.Owner, connection.Name, ex.Message);
        }
    }

    /// <summary>Parses a stored credential (a JSON failure says nothing of the value).</summary>
    private static ConnectionSecret Parse(Connection connection, string json)
    {
        try
        {
            return ConnectionSecret.FromJson(json);
        }
        catch (JsonException)
        {
            throw new ConnectionUnusableException($"The secret of connection '{connection.Name}' is not what connections store: put the connection again.");
        }
    }
}
