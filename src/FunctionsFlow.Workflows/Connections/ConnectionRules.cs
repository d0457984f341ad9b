using System.Net;
using System.Text;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>What a connection's fields may be. The host names the field of every broken rule; the service checks
/// again before it stores anything.</summary>
public static class ConnectionRules
{
    /// <summary>The header of an API key when the connection names none.</summary>
    public const string DefaultApiKeyHeader = "X-Api-Key";

    /// <summary>The longest secret field, in UTF-8 bytes (all of a connection's secrets fit one Key Vault secret).</summary>
    public const int MaxSecretBytes = 8 * 1024;

    /// <summary>The most scopes.</summary>
    public const int MaxScopes = 50;

    /// <summary>The longest scope, client id or header name.</summary>
    public const int MaxTextLength = 256;

    /// <summary>The longest URL (token endpoint or webhook).</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The secret fields of each type: the required ones, and the optional ones.</summary>
    public static IReadOnlyDictionary<ConnectionType, (string[] Required, string[] Optional)> SecretFields { get; } = new Dictionary<ConnectionType, (string[], string[])>
    {
        [ConnectionType.OAuth2] = ([], ["accessToken", "refreshToken", "clientSecret"]),
        [ConnectionType.ApiKey] = (["apiKey"], []),
        [ConnectionType.Basic] = (["username", "password"], []),
        [ConnectionType.Webhook] = (["url"], []),
    };

    /// <summary>The metadata fields each type accepts besides <c>type</c>, <c>expiresAt</c> and <c>scopes</c>.</summary>
    public static IReadOnlyDictionary<ConnectionType, string[]> MetadataFields { get; } = new Dictionary<ConnectionType, string[]>
    {
        [ConnectionType.OAuth2] = ["tokenEndpoint", "clientId"],
        [ConnectionType.ApiKey] = ["header"],
        [ConnectionType.Basic] = [],
        [ConnectionType.Webhook] = [],
    };

    /// <summary>Why a secret field's value is not acceptable, or null.</summary>
    public static string? CheckSecret(string field, string value) =>
        value.Length == 0 ? $"{field} must not be empty."
        : Encoding.UTF8.GetByteCount(value) > MaxSecretBytes ? $"{field} is at most {MaxSecretBytes} bytes."
        : value.Any(char.IsControl) ? $"{field} must not hold control characters."
        : field == "username" && value.Contains(':', StringComparison.Ordinal) ? "username must not hold ':' (basic authentication separates it from the password with one)."
        : null;

    /// <summary>Why a scope is not acceptable, or null: OAuth scopes are printable ASCII without spaces, quotes or '\'.</summary>
    public static string? CheckScope(string scope) =>
        scope.Length is > 0 and <= MaxTextLength && scope.All(c => c is > ' ' and <= '~' and not '"' and not '\\')
            ? null
            : $"A scope is 1 to {MaxTextLength} printable ASCII characters without spaces, '\"' or '\\'.";

    /// <summary>Why a client id is not acceptable, or null.</summary>
    public static string? CheckClientId(string clientId) =>
        clientId.Length is > 0 and <= MaxTextLength && !clientId.Any(char.IsControl) ? null : $"clientId is 1 to {MaxTextLength} characters without control characters.";

    /// <summary>Why a header name is not acceptable for an API key, or null: an HTTP token that the transport does not own.</summary>
    public static string? CheckHeader(string header) =>
        header.Length is 0 or > MaxTextLength || !header.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            ? $"header is an HTTP header name (1 to {MaxTextLength} letters, digits and !#$%&'*+-.^_`|~)."
            : ReservedHeaders.Contains(header) ? $"header cannot be '{header}': the HTTP transport sets it." : null;

    /// <summary>Why a token endpoint is not acceptable, or null: an absolute https URL (http only to this machine, for
    /// development), without user information or a fragment.</summary>
    public static string? CheckTokenEndpoint(string url) =>
        url.Length <= MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
            ? null
            : $"tokenEndpoint is an absolute https URL (http only to localhost) without user information or a fragment, at most {MaxUrlLength} characters.";

    /// <summary>Why a webhook URL is not acceptable, or null: an absolute https URL (http only to this machine).</summary>
    public static string? CheckWebhookUrl(string url) =>
        CheckSecret("url", url) ?? (url.Length <= MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length == 0 &&
        (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)))
            ? null
            : $"url is an absolute https URL (http only to localhost) without user information, at most {MaxUrlLength} characters.");

    /// <summary>Throws unless <paramref name="definition"/> keeps every rule (the host reports them field by field;
    /// this is the service's own guard).</summary>
    /// <exception cref="ArgumentException">A rule is broken.</exception>
    public static void Validate(ConnectionDefinition definition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var secret = definition.Secret;
        var problem = definition.Type switch
        {
            ConnectionType.OAuth2 when secret.AccessToken is null && secret.RefreshToken is null => "An oauth2 connection needs an accessToken, a refreshToken or both.",
            ConnectionType.OAuth2 when secret.RefreshToken is not null && (definition.TokenEndpoint is null || definition.ClientId is null) => "An oauth2 connection with a refreshToken needs its tokenEndpoint and clientId.",
            ConnectionType.OAuth2 when secret.RefreshToken is null && definition.ExpiresAt <= now => "expiresAt has passed, and without a refreshToken the token cannot be refreshed.",
            ConnectionType.ApiKey when secret.ApiKey is null => "An apiKey connection needs its apiKey.",
            ConnectionType.Basic when secret.Username is null || secret.Password is null => "A basic connection needs its username and password.",
            ConnectionType.Webhook when secret.Url is null => "A webhook connection needs its url.",
            not ConnectionType.OAuth2 when definition.ExpiresAt <= now => "expiresAt has passed.",
            _ => null,
        };
        problem ??= secret.Values.Select(v => CheckSecret("A secret field", v)).FirstOrDefault(p => p is not null)
            ?? definition.Scopes.Select(CheckScope).FirstOrDefault(p => p is not null)
            ?? (definition.Header is { } header ? CheckHeader(header) : null)
            ?? (definition.TokenEndpoint is { } endpoint ? CheckTokenEndpoint(endpoint.OriginalString) : null)
            ?? (secret.Url is { } url ? CheckWebhookUrl(url) : null);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(definition));
        }
    }

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Upgrade", "Expect", "TE", "Trailer", "Keep-Alive", "Proxy-Authorization", "Cookie",
    };

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
