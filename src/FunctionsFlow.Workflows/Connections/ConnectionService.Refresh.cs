using FunctionsFlow.Storage.Secrets;

namespace FunctionsFlow.Workflows.Connections;

public sealed partial class ConnectionService
{
    private const int MaxCommitAttempts = 8;

    /// <summary>Refreshes an OAuth connection once for every caller in this process that asks while a refresh runs:
    /// they all wait for the same one (each may stop waiting when its own token is cancelled; the refresh goes on).</summary>
    private async Task<Connection> RefreshOnceAsync(Connection seen, bool force, CancellationToken cancellationToken)
    {
        var key = (seen.Owner, seen.Name);
        var refresh = _refreshing.GetOrAdd(key, _ => new Lazy<Task<Connection>>(() => RefreshAsync(seen, force)));
        try
        {
            return await refresh.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _refreshing.TryRemove(KeyValuePair.Create(key, refresh));
        }
    }

    /// <summary>The refresh-token grant, the new tokens stored as a new version of the credential, and the metadata
    /// pointed at it under the row's ETag. A refusal marks the connection <see cref="ConnectionStatus.NeedsReauthorization"/>;
    /// a failure leaves it as it is (and the current token serves while it is still valid, unless <paramref name="force"/>).</summary>
    private async Task<Connection> RefreshAsync(Connection seen, bool force)
    {
        using var timeout = new CancellationTokenSource(_options.RefreshTimeout);
        var cancellationToken = timeout.Token;
        var current = await _store.GetAsync(seen.Owner, seen.Name, cancellationToken).ConfigureAwait(false)
            ?? throw new ConnectionUnusableException($"Connection '{seen.Name}' was deleted.");
        if (current.SecretVersion != seen.SecretVersion && !IsDue(current))
        {
            return current; // refreshed (or put again) by someone else since it was read
        }

        if (current.StatusAt(_time.GetUtcNow()) == ConnectionStatus.NeedsReauthorization)
        {
            throw NeedsReauthorization(current);
        }

        var secret = Parse(current, await ReadSecretAsync(current, current.SecretName, current.SecretVersion, cancellationToken).ConfigureAwait(false));
        if (current is not { CanRefresh: true, TokenEndpoint: { } endpoint, ClientId: { } clientId } || secret.RefreshToken is not { } refreshToken)
        {
            throw new ConnectionUnusableException($"Connection '{current.Name}' cannot be refreshed: it has no refresh token, token endpoint or client id.");
        }

        var clientSecret = current is { ClientSecretName: { } clientSecretName, ClientSecretVersion: { } clientSecretVersion }
            ? await ReadSecretAsync(current, clientSecretName, clientSecretVersion, cancellationToken).ConfigureAwait(false)
            : null;

        OAuthTokens tokens;
        try
        {
            tokens = await _tokens.RefreshAsync(new OAuthRefreshRequest(endpoint, clientId, clientSecret, refreshToken, current.Scopes), cancellationToken).ConfigureAwait(false);
        }
        catch (OAuthTokenException ex) when (ex.Permanent)
        {
            Log.RefreshRefused(_logger, current.Owner, current.Name, ex.Message);
            await MarkNeedsReauthorizationAsync(current, ex.Error ?? "refused", cancellationToken).ConfigureAwait(false);
            throw new ConnectionUnusableException($"Connection '{current.Name}' needs to be authorized again: {ex.Message} Put it again with new tokens.");
        }
        catch (OAuthTokenException ex)
        {
            Log.RefreshFailed(_logger, current.Owner, current.Name, ex.Message);
            if (!force && secret.AccessToken is not null && current.ExpiresAt > _time.GetUtcNow())
            {
                return current; // the token it has still works for a while: the next use tries again
            }

            throw new ConnectionUnavailableException($"Connection '{current.Name}' could not be refreshed: {ex.Message}");
        }

        var now = _time.GetUtcNow();
        var renewed = (secret with { AccessToken = tokens.AccessToken, RefreshToken = tokens.RefreshToken ?? refreshToken }).ToJson();
        string version;
        try
        {
            version = await _secrets.SetAsync(current.SecretName, CredentialWrite(ConnectionType.OAuth2, ConnectionSecret.FromJson(renewed), now + _options.SecretLifetime), cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException ex)
        {
            throw new ConnectionUnavailableException($"Connection '{current.Name}' was refreshed, but its new tokens could not be stored: {ex.Message}");
        }

        _cache.Set(current.SecretName, version, renewed);
        var committed = await CommitAsync(current, version, tokens, now, cancellationToken).ConfigureAwait(false);
        if (committed.SecretVersion == version)
        {
            // The version before stays readable for uses that read the metadata just before this commit.
            await DisableSupersededAsync(committed, committed.SecretName, [version, current.SecretVersion], cancellationToken).ConfigureAwait(false);
            Log.Refreshed(_logger, current.Owner, current.Name, committed.ExpiresAt);
        }

        return committed;
    }

    /// <summary>Points the metadata at the new version under the row's ETag; when the row changed meanwhile only by a
    /// recorded use, tries again; when another refresh or a put won, returns theirs.</summary>
    private async Task<Connection> CommitAsync(Connection current, string version, OAuthTokens tokens, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = current with
        {
            SecretVersion = version,
            ExpiresAt = tokens.ExpiresIn is { } lifetime ? now + lifetime : null,
            Scopes = tokens.Scopes ?? current.Scopes,
            Status = ConnectionStatus.Active,
            StatusReason = null,
            UpdatedAt = now,
        };
        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            if (await _store.TryReplaceAsync(updated, cancellationToken).ConfigureAwait(false) is { } saved)
            {
                return saved;
            }

            var latest = await _store.GetAsync(current.Owner, current.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new ConnectionUnusableException($"Connection '{current.Name}' was deleted while it was refreshed.");
            if (latest.SecretVersion != current.SecretVersion)
            {
                return latest;
            }

            updated = updated with { LastUsedAt = latest.LastUsedAt, ETag = latest.ETag };
        }

        throw new ConnectionUnavailableException($"Connection '{current.Name}' kept changing while its refresh was stored; try again.");
    }

    /// <summary>Marks the connection as needing a new authorization, unless it was put again meanwhile.</summary>
    private async Task MarkNeedsReauthorizationAsync(Connection current, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxCommitAttempts; attempt++)
        {
            var marked = current with { Status = ConnectionStatus.NeedsReauthorization, StatusReason = reason, UpdatedAt = _time.GetUtcNow() };
            if (await _store.TryReplaceAsync(marked, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            var latest = await _store.GetAsync(current.Owner, current.Name, cancellationToken).ConfigureAwait(false);
            if (latest is null || latest.SecretVersion != current.SecretVersion)
            {
                return;
            }

            current = latest;
        }
    }
}
