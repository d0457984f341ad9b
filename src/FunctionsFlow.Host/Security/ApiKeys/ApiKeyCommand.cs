using System.Globalization;

namespace FunctionsFlow.Host.Security.ApiKeys;

/// <summary><c>FunctionsFlow.Host apikeys create --user &lt;id&gt; [--roles a,b] [--name text] [--expires time]</c>: makes an
/// API key straight in the task hub's storage and prints it once. This is how the first admin key of an app in the
/// <c>ApiKey</c> mode is made; later keys come from <c>POST /api/admin/apikeys</c>.</summary>
/// <remarks>It reads the same settings as the host (<c>local.settings.json</c>, environment, <c>--Section:Key=value</c>),
/// so it reaches the deployed account with <c>AzureWebJobsStorage=https://{account}.blob.core.windows.net</c> and the
/// caller's Microsoft Entra sign-in.</remarks>
internal static class ApiKeyCommand
{
    public const string Name = "apikeys";

    private const string Usage = "Usage: FunctionsFlow.Host apikeys create --user <user id> [--roles admin,ops] [--name <text>] [--expires <ISO 8601 time>]";

    /// <summary>Runs the command; the key goes to <paramref name="output"/>, everything else to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args is not [Name, "create", .. var rest] || Parse(rest) is not { } options)
        {
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var app = FunctionsFlowApp.Build(args);
        await using var disposeApp = app.ConfigureAwait(false);
        var store = app.Services.GetRequiredService<ApiKeyStore>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        if (options.ExpiresAt <= time.GetUtcNow())
        {
            await error.WriteLineAsync("--expires must be in the future.").ConfigureAwait(false);
            return 2;
        }

        await store.CreateIfNotExistsAsync().ConfigureAwait(false);
        var (record, key) = await store.CreateAsync(options.UserId, options.Roles, options.Name, options.ExpiresAt, "command line").ConfigureAwait(false);
        await output.WriteLineAsync(key).ConfigureAwait(false);
        await error.WriteLineAsync(
            $"API key {record.Id} for user {record.UserId} (roles: {string.Join(", ", record.Roles)}). It is shown this once; " +
            "revoke it with DELETE /api/admin/apikeys/" + record.Id + ".").ConfigureAwait(false);
        return 0;
    }

    private static Options? Parse(string[] args)
    {
        string? user = null;
        string? name = null;
        DateTimeOffset? expires = null;
        IReadOnlyList<string> roles = [];
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--user" when Caller.IsValidUserId(value):
                    user = value;
                    break;
                case "--roles" when value is not null && value.Split(',', StringSplitOptions.TrimEntries) is var parts && parts.All(Caller.IsValidRole):
                    roles = parts;
                    break;
                case "--name" when value is { Length: > 0 and <= 100 }:
                    name = value;
                    break;
                case "--expires" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at):
                    expires = at;
                    break;
                case var setting when setting.StartsWith("--", StringComparison.Ordinal) && setting.Contains('=', StringComparison.Ordinal):
                    continue; // a setting for the host's configuration
                default:
                    return null;
            }

            i++;
        }

        return user is null ? null : new Options(user, roles, name, expires);
    }

    private sealed record Options(string UserId, IReadOnlyList<string> Roles, string? Name, DateTimeOffset? ExpiresAt);
}
