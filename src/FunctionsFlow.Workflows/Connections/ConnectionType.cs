namespace FunctionsFlow.Workflows.Connections;

/// <summary>What a connection holds and how an <c>http</c> step that names it is authenticated.</summary>
public enum ConnectionType
{
    /// <summary>An OAuth 2.0 access token (<c>Authorization: Bearer</c>), refreshed with its refresh token.</summary>
    OAuth2,

    /// <summary>An API key sent in a header (<c>X-Api-Key</c> unless the connection names another).</summary>
    ApiKey,

    /// <summary>A user name and password (<c>Authorization: Basic</c>).</summary>
    Basic,

    /// <summary>A secret URL (a chat webhook, say): the request goes to it.</summary>
    Webhook,
}

/// <summary>The names of <see cref="ConnectionType"/> in the API: <c>oauth2</c>, <c>apiKey</c>, <c>basic</c>, <c>webhook</c>.</summary>
public static class ConnectionTypes
{
    private static readonly (ConnectionType Type, string Name)[] Names =
        [(ConnectionType.OAuth2, "oauth2"), (ConnectionType.ApiKey, "apiKey"), (ConnectionType.Basic, "basic"), (ConnectionType.Webhook, "webhook")];

    /// <summary>Every name, in order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    /// <summary>The API's name of <paramref name="type"/>.</summary>
    public static string Name(ConnectionType type) => Names.Single(n => n.Type == type).Name;

    /// <summary>The type an API name (in any case) stands for.</summary>
    public static bool TryParse(string? name, out ConnectionType type)
    {
        foreach (var (candidate, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
