using System.Security.Claims;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Host.Users;

namespace FunctionsFlow.Host.Endpoints;

internal static partial class MeEndpoints
{
    private const long MaxSettingsBytes = 8 * 1024;
    private const int MaxUrlLength = 2048;
    private const int MaxConnectionNameLength = 128;

    /// <summary><c>GET /api/me/settings</c>: the caller's settings (the defaults until saved), with an <c>ETag</c>.</summary>
    public static async Task<IResult> GetSettings(HttpContext http, ClaimsPrincipal user, UserSettingsStore store, CancellationToken ct)
    {
        var stored = await store.GetAsync(Caller.From(user)!.UserId, ct).ConfigureAwait(false);
        return Settings(http, stored);
    }

    /// <summary><c>PUT /api/me/settings</c>: replaces the caller's settings (fields left out take their defaults); with
    /// <c>If-Match</c>, only if they are still that version (412 otherwise).</summary>
    public static async Task<IResult> PutSettings(HttpContext http, ClaimsPrincipal user, UserSettingsStore store, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(http.Request, MaxSettingsBytes, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var fields = new JsonFields(body!.Value);
        var settings = ReadSettings(fields);
        if (!fields.IsValid)
        {
            return fields.Problem();
        }

        var ifMatch = http.Request.Headers.IfMatch.ToString();
        var saved = await store.SaveAsync(Caller.From(user)!.UserId, settings, ifMatch.Length == 0 ? null : new Azure.ETag(ifMatch), ct).ConfigureAwait(false);
        return saved is null
            ? TypedResults.Problem("The settings changed since they were read (If-Match); read them again.", statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed")
            : Settings(http, saved);
    }

    private static IResult Settings(HttpContext http, StoredUserSettings stored)
    {
        if (stored.ETag is { } etag)
        {
            http.Response.Headers.ETag = etag.ToString("H");
        }

        var s = stored.Settings;
        return TypedResults.Ok(new SettingsResponse(s.Theme, s.TimeZone, s.Notifications, s.DefaultConnection, stored.UpdatedAt));
    }

    /// <summary>The settings a body asks for; every bad field is recorded in <paramref name="fields"/>.</summary>
    private static UserSettings ReadSettings(JsonFields fields)
    {
        var defaults = UserSettings.Defaults;
        fields.AllowOnly("theme", "timeZone", "notifications", "defaultConnection", "updatedAt");
        var theme = fields.String("theme", check: t => UserSettings.Themes.Contains(t, StringComparer.Ordinal) ? null : $"theme is one of {string.Join(", ", UserSettings.Themes)}.");
        var zone = fields.String("timeZone", check: id => IsIanaZone(id) ? null : $"'{id}' is not an IANA time zone such as Europe/Berlin or UTC.");

        var notifications = defaults.Notifications;
        if (fields.Object("notifications") is { } n)
        {
            n.AllowOnly("email", "webhookUrl");
            notifications = new NotificationSettings(
                n.Boolean("email") ?? defaults.Notifications.Email,
                n.String("webhookUrl", check: CheckWebhookUrl));
        }

        var connection = fields.String("defaultConnection", check: c =>
            c.Length is > 0 and <= MaxConnectionNameLength && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '_' or '.' or '-')
                ? null
                : $"defaultConnection is a connection name: 1-{MaxConnectionNameLength} ASCII letters, digits, '_', '.' and '-'.");
        return new UserSettings(theme ?? defaults.Theme, zone ?? defaults.TimeZone, notifications, connection);
    }

    /// <summary>True for the IANA id of a time zone this machine knows, spelt exactly (the lookup's tolerance of case
    /// depends on what it cached); false for anything else, Windows ids included.</summary>
    private static bool IsIanaZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && string.Equals(zone.Id, id, StringComparison.Ordinal);

    private static string? CheckWebhookUrl(string url) =>
        url.Length <= MaxUrlLength && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps &&
        uri.Host.Length > 0 && uri.UserInfo.Length == 0
            ? null
            : $"webhookUrl is an absolute https URL without credentials, at most {MaxUrlLength} characters.";

    internal sealed record SettingsResponse(string Theme, string TimeZone, NotificationSettings Notifications, string? DefaultConnection, DateTimeOffset? UpdatedAt);
}
