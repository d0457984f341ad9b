namespace FunctionsFlow.Workflows.Connections;

/// <summary>A connection's metadata, as the connections table keeps it: no secret, only where the secrets are.</summary>
public sealed record Connection
{
    /// <summary>The user it belongs to.</summary>
    public required string Owner { get; init; }

    /// <summary>Its name (<see cref="ConnectionNames.Rule"/>).</summary>
    public required string Name { get; init; }

    /// <summary>What it holds.</summary>
    public required ConnectionType Type { get; init; }

    /// <summary>OAuth scopes (sent with refreshes), or empty.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>When the credential expires (for OAuth, the access token), when known.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When a step last used it (to within <see cref="ConnectionOptions.LastUsedResolution"/>).</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether it can be used, as stored (see <see cref="StatusAt"/>).</summary>
    public ConnectionStatus Status { get; init; } = ConnectionStatus.Active;

    /// <summary>Why it is not <see cref="ConnectionStatus.Active"/>, when it is not (an OAuth error code, say).</summary>
    public string? StatusReason { get; init; }

    /// <summary>The secret that holds the credential.</summary>
    public required string SecretName { get; init; }

    /// <summary>The version of it in use.</summary>
    public required string SecretVersion { get; init; }

    /// <summary>The secret that holds the OAuth client secret, if there is one.</summary>
    public string? ClientSecretName { get; init; }

    /// <summary>The version of it in use.</summary>
    public string? ClientSecretVersion { get; init; }

    /// <summary>Where OAuth tokens are refreshed.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The OAuth client id.</summary>
    public string? ClientId { get; init; }

    /// <summary>The header an API key goes in, when not <see cref="ConnectionRules.DefaultApiKeyHeader"/>.</summary>
    public string? Header { get; init; }

    /// <summary>True when the credential holds a refresh token (so it is refreshed, not left to expire).</summary>
    public bool CanRefresh { get; init; }

    /// <summary>When it was first stored.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last put or refreshed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The row's version (for conditional updates), when read from storage.</summary>
    public string? ETag { get; init; }

    /// <summary>The status at <paramref name="now"/>: an active credential past its expiry that cannot be refreshed
    /// is <see cref="ConnectionStatus.Expired"/>.</summary>
    public ConnectionStatus StatusAt(DateTimeOffset now) =>
        Status == ConnectionStatus.Active && !CanRefresh && ExpiresAt <= now ? ConnectionStatus.Expired : Status;
}
