namespace FunctionsFlow.Workflows.Connections;

/// <summary>A connection as a caller puts it: its type, its secret fields and its metadata.</summary>
/// <remarks><see cref="ToString"/> leaves the secrets out.</remarks>
public sealed record ConnectionDefinition
{
    /// <summary>What it holds.</summary>
    public required ConnectionType Type { get; init; }

    /// <summary>The credential's secret fields (those of <see cref="Type"/>).</summary>
    public required ConnectionSecret Secret { get; init; }

    /// <summary>An OAuth client secret, sent with refreshes.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>When the credential expires (for OAuth, the access token).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>OAuth scopes.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Where OAuth tokens are refreshed.</summary>
    public Uri? TokenEndpoint { get; init; }

    /// <summary>The OAuth client id.</summary>
    public string? ClientId { get; init; }

    /// <summary>The header an API key goes in.</summary>
    public string? Header { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"ConnectionDefinition {{ Type = {ConnectionTypes.Name(Type)}, {Secret}, ClientSecret = {(ClientSecret is null ? "none" : "(hidden)")} }}";
}
