using System.Collections.Concurrent;
using FunctionsFlow.Storage.Secrets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>Users' connections: metadata in the task hub's table (<see cref="ConnectionStore"/>), secrets in the secret
/// store (Key Vault, or the local encrypted store), and the credential an <c>http</c> step gets at call time, refreshed
/// before it expires.</summary>
public sealed partial class ConnectionService : IConnectionCredentials
{
    private readonly ConnectionStore _store;
    private readonly ISecretStore _secrets;
    private readonly OAuthTokenClient _tokens;
    private readonly string _taskHub;
    private readonly TimeProvider _time;
    private readonly ConnectionOptions _options;
    private readonly ILogger _logger;
    private readonly SecretCache _cache;
    private readonly ConcurrentDictionary<(string Owner, string Name), Lazy<Task<Connection>>> _refreshing = new();

    /// <summary>Creates the service.</summary>
    /// <param name="store">The connections table.</param>
    /// <param name="secrets">Where the secrets are.</param>
    /// <param name="tokens">Refreshes OAuth tokens.</param>
    /// <param name="taskHub">The task hub (part of every secret's name).</param>
    /// <param name="time">The clock expiries are judged by.</param>
    /// <param name="options">Refresh, cache and expiry settings.</param>
    /// <param name="logger">Where refreshes and failures are logged (never a secret).</param>
    public ConnectionService(ConnectionStore store, ISecretStore secrets, OAuthTokenClient tokens, string taskHub, TimeProvider time, ConnectionOptions? options = null, ILogger<ConnectionService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHub);
        _store = store;
        _secrets = secrets;
        _tokens = tokens;
        _taskHub = taskHub;
        _time = time ?? TimeProvider.System;
        _options = options ?? ConnectionOptions.Default;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _cache = new SecretCache(_options, _time);
    }

    /// <summary>Which secret store is in use (for the start-up log).</summary>
    public string SecretStoreDescription => _secrets.Description;

    /// <summary>The settings.</summary>
    public ConnectionOptions Options => _options;

    /// <summary>Creates or replaces an owner's connection: its secrets as new versions, then its metadata (active again,
    /// whatever it was).</summary>
    /// <exception cref="ArgumentException">The name or the definition breaks a rule.</exception>
    /// <exception cref="SecretStoreException">The secret store refused or failed.</exception>
    public async Task<Connection> PutAsync(string owner, string name, ConnectionDefinition definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!ConnectionNames.IsValid(name))
        {
            throw new ArgumentException(ConnectionNames.Rule, nameof(name));
        }

        var now = _time.GetUtcNow();
        ConnectionRules.Validate(definition, now);
        var existing = await _store.GetAsync(owner, name, cancellationToken).ConfigureAwait(false);
        var refreshes = definition.Type == ConnectionType.OAuth2 && definition.Secret.RefreshToken is not null;

        var secretName = ConnectionNames.SecretName(_taskHub, owner, name, ConnectionSecretPart.Credential);
        var expiresOn = refreshes || definition.ExpiresAt is null ? now + _options.SecretLifetime : definition.ExpiresAt.Value;
        var version = await _secrets.SetAsync(secretName, CredentialWrite(definition.Type, definition.Secret, expiresOn), cancellationToken).ConfigureAwait(false);

        string? clientSecretName = null, clientSecretVersion = null;
        if (definition.ClientSecret is { } clientSecret)
        {
            clientSecretName = ConnectionNames.SecretName(_taskHub, owner, name, ConnectionSecretPart.ClientSecret);
            clientSecretVersion = await _secrets.SetAsync(clientSecretName, ClientSecretWrite(clientSecret, now + _options.SecretLifetime), cancellationToken).ConfigureAwait(false);
        }
        else if (existing?.ClientSecretName is { } dropped)
        {
            await _secrets.DeleteAsync(dropped, cancellationToken).ConfigureAwait(false);
        }

        var connection = await _store.PutAsync(
            new Connection
            {
                Owner = owner,
                Name = name,
                Type = definition.Type,
                Scopes = definition.Scopes,

                // Tokens without an access token are refreshed at their first use.
                ExpiresAt = refreshes && definition.Secret.AccessToken is null ? now : definition.ExpiresAt,
                LastUsedAt = existing?.LastUsedAt,
                SecretName = secretName,
                SecretVersion = version,
                ClientSecretName = clientSecretName,
                ClientSecretVersion = clientSecretVersion,
                TokenEndpoint = definition.TokenEndpoint,
                ClientId = definition.ClientId,
                Header = definition.Header,
                CanRefresh = refreshes,
                CreatedAt = existing?.CreatedAt ?? now,
                UpdatedAt = now,
            },
            cancellationToken).ConfigureAwait(false);

        _cache.Invalidate(secretName);
        if (existing is not null)
        {
            // What the connection held before can no longer be read.
            await DisableSupersededAsync(connection, secretName, [version], cancellationToken).ConfigureAwait(false);
            if (clientSecretName is not null && clientSecretVersion is not null)
            {
                await DisableSupersededAsync(connection, clientSecretName, [clientSecretVersion], cancellationToken).ConfigureAwait(false);
            }
        }

        Log.Put(_logger, owner, name, definition.Type);
        return connection;
    }

    /// <summary>An owner's connection, or null.</summary>
    public Task<Connection?> GetAsync(string owner, string name, CancellationToken cancellationToken = default) =>
        _store.GetAsync(owner, name, cancellationToken);

    /// <summary>One page of an owner's connections, by name.</summary>
    /// <exception cref="ArgumentException">The continuation token was not issued by this listing.</exception>
    public Task<ConnectionPage> ListAsync(string owner, int top = 100, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        _store.ListAsync(owner, top, continuationToken, cancellationToken);

    /// <summary>Deletes an owner's connection: its secrets are soft-deleted (recoverable in the vault for its retention),
    /// then its metadata goes. False when there was none.</summary>
    /// <exception cref="SecretStoreException">The secret store refused or failed (the connection is still there; try again).</exception>
    public async Task<bool> DeleteAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        var existing = await _store.GetAsync(owner, name, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            return false;
        }

        // Secrets first: a failure leaves the connection listed, and deleting it again finishes the job.
        await _secrets.DeleteAsync(existing.SecretName, cancellationToken).ConfigureAwait(false);
        if (existing.ClientSecretName is { } clientSecret)
        {
            await _secrets.DeleteAsync(clientSecret, cancellationToken).ConfigureAwait(false);
            _cache.Invalidate(clientSecret);
        }

        _cache.Invalidate(existing.SecretName);
        var deleted = await _store.DeleteAsync(owner, name, cancellationToken).ConfigureAwait(false);
        Log.Deleted(_logger, owner, name);
        return deleted;
    }

    private SecretWrite CredentialWrite(ConnectionType type, ConnectionSecret secret, DateTimeOffset expiresOn) => new()
    {
        Value = secret.ToJson(),
        ContentType = "application/json",
        ExpiresOn = expiresOn,
        Tags = Tags(type, ConnectionSecretPart.Credential),
    };

    private SecretWrite ClientSecretWrite(string clientSecret, DateTimeOffset expiresOn) => new()
    {
        Value = clientSecret,
        ContentType = "text/plain",
        ExpiresOn = expiresOn,
        Tags = Tags(ConnectionType.OAuth2, ConnectionSecretPart.ClientSecret),
    };

    /// <summary>Tags that say what a secret is without naming its owner (secret metadata may leave the vault's region).</summary>
    private Dictionary<string, string> Tags(ConnectionType type, ConnectionSecretPart part) => new(StringComparer.Ordinal)
    {
        ["functionsflow-task-hub"] = _taskHub,
        ["connection-type"] = ConnectionTypes.Name(type),
        ["connection-part"] = part == ConnectionSecretPart.Credential ? "credential" : "client-secret",
    };

    /// <summary>Disables the older versions of one of a connection's secrets (best effort: a failure is logged, not thrown).</summary>
    private async Task DisableSupersededAsync(Connection connection, string secretName, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        try
        {
            await _secrets.DisableVersionsExceptAsync(secretName, keep, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretStoreException ex)
        {
            Log.DisableFailed(_logger, connection.Owner, connection.Name, ex.Message);
        }
    }
}
