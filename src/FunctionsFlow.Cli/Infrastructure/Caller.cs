namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>Where the host is and who calls it. Each value comes from its option, else its environment variable
/// (<c>FUNCTIONSFLOW_URL</c>, <c>FUNCTIONSFLOW_USER</c>, <c>FUNCTIONSFLOW_ROLES</c>, <c>FUNCTIONSFLOW_API_KEY</c>), else the
/// config file; the URL defaults to the local host that <c>scripts/run.sh</c> starts.</summary>
internal sealed record Caller(Uri BaseUrl, string? User, string? Roles, string? ApiKey)
{
    public const string DefaultUrl = "http://localhost:7071";

    public static Caller Resolve(string? url, string? user, string? roles, string? apiKey, Func<string, string?> environment, ConfigFile config)
    {
        return new Caller(
            ParseUrl(First(url, environment("FUNCTIONSFLOW_URL"), config["url"]) ?? DefaultUrl),
            First(user, environment("FUNCTIONSFLOW_USER"), config["user"]),
            First(roles, environment("FUNCTIONSFLOW_ROLES"), config["roles"]),
            First(apiKey, environment("FUNCTIONSFLOW_API_KEY"), config["apiKey"]));
    }

    /// <summary>The host's base URL (with a trailing slash, so API paths resolve under it).</summary>
    public static Uri ParseUrl(string url) =>
        Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl) && (baseUrl.Scheme == Uri.UriSchemeHttp || baseUrl.Scheme == Uri.UriSchemeHttps)
            ? baseUrl
            : throw CliException.Usage($"The host URL '{url}' is not an absolute http or https URL (--url, FUNCTIONSFLOW_URL or the config file's url).");

    private static string? First(params string?[] values) => values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();
}
