using System.Text;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>What an <c>http</c> step's request gets from a connection at call time: the headers to add (or the URL
/// to call, for a webhook), and what to mask in whatever is kept of the exchange.</summary>
/// <remarks>Lives only inside the activity that sends the request. <see cref="ToString"/> shows no secret.</remarks>
public sealed class ConnectionCredential
{
    private ConnectionCredential(string name, ConnectionType type, string version, IReadOnlyList<KeyValuePair<string, string>> headers, Uri? url, SecretRedactor redactor)
    {
        Name = name;
        Type = type;
        Version = version;
        Headers = headers;
        Url = url;
        Redactor = redactor;
    }

    /// <summary>The connection's name.</summary>
    public string Name { get; }

    /// <summary>Its type.</summary>
    public ConnectionType Type { get; }

    /// <summary>The version of its credential this was made from.</summary>
    public string Version { get; }

    /// <summary>The headers the request carries (replacing any of the same name the step set).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>For a webhook, where the request goes.</summary>
    public Uri? Url { get; }

    /// <summary>Masks the secrets in anything kept of the exchange.</summary>
    public SecretRedactor Redactor { get; }

    /// <summary>The credential of <paramref name="connection"/> from its secret.</summary>
    /// <exception cref="ConnectionUnusableException">The secret lacks what the type needs.</exception>
    public static ConnectionCredential From(Connection connection, ConnectionSecret secret)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(secret);
        var redacted = secret.Values.ToList();
        List<KeyValuePair<string, string>> headers = [];
        Uri? url = null;
        switch (connection.Type)
        {
            case ConnectionType.OAuth2:
                headers.Add(new("Authorization", "Bearer " + (secret.AccessToken ?? throw Missing(connection, "access token"))));
                break;
            case ConnectionType.ApiKey:
                headers.Add(new(connection.Header ?? ConnectionRules.DefaultApiKeyHeader, secret.ApiKey ?? throw Missing(connection, "API key")));
                break;
            case ConnectionType.Basic:
                var pair = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{secret.Username ?? throw Missing(connection, "user name")}:{secret.Password ?? throw Missing(connection, "password")}"));
                headers.Add(new("Authorization", "Basic " + pair));
                redacted.Add(pair);
                break;
            case ConnectionType.Webhook:
                url = Uri.TryCreate(secret.Url, UriKind.Absolute, out var parsed) ? parsed : throw Missing(connection, "URL");

                // A webhook's secret is its path and query: an echo of either alone must be masked too.
                redacted.AddRange([url.AbsoluteUri, url.PathAndQuery, url.AbsolutePath]);
                redacted.RemoveAll(value => value == "/");
                break;
        }

        return new ConnectionCredential(connection.Name, connection.Type, connection.SecretVersion, headers, url, new SecretRedactor(redacted));
    }

    /// <inheritdoc />
    public override string ToString() => $"ConnectionCredential {{ Name = {Name}, Type = {ConnectionTypes.Name(Type)}, Version = {Version} }}";

    private static ConnectionUnusableException Missing(Connection connection, string what) =>
        new($"Connection '{connection.Name}' holds no {what}; put it again.");
}
