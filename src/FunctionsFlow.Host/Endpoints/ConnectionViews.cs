using System.Text.Json.Serialization;
using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>A connection as the API shows it: metadata only. No field holds, or is derived from, a secret.</summary>
internal sealed record ConnectionView(
    string Name,
    string Type,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    ConnectionStatus Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenEndpoint,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClientId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Header,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ConnectionView From(Connection connection, DateTimeOffset now) => new(
        connection.Name,
        ConnectionTypes.Name(connection.Type),
        connection.Scopes,
        connection.ExpiresAt,
        connection.LastUsedAt,
        connection.StatusAt(now),
        connection.TokenEndpoint?.OriginalString,
        connection.ClientId,
        connection.Type == ConnectionType.ApiKey ? connection.Header ?? ConnectionRules.DefaultApiKeyHeader : null,
        connection.CreatedAt,
        connection.UpdatedAt);
}

/// <summary>A page of the caller's connections.</summary>
internal sealed record ConnectionList(IReadOnlyList<ConnectionView> Items, string? ContinuationToken);
