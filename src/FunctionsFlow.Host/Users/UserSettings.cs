namespace FunctionsFlow.Host.Users;

/// <summary>A user's preferences, kept per user in the task hub (<c>GET|PUT /api/me/settings</c>).</summary>
/// <param name="Theme"><c>light</c>, <c>dark</c> or <c>system</c>.</param>
/// <param name="TimeZone">An IANA time-zone id, such as <c>Europe/Berlin</c>.</param>
/// <param name="Notifications">How the user wants to hear about their executions.</param>
/// <param name="DefaultConnection">The connection (by name) new http steps use, if any.</param>
internal sealed record UserSettings(string Theme, string TimeZone, NotificationSettings Notifications, string? DefaultConnection)
{
    /// <summary>The themes a user can choose.</summary>
    public static readonly IReadOnlyList<string> Themes = ["light", "dark", "system"];

    /// <summary>What a user who never saved settings has.</summary>
    public static UserSettings Defaults { get; } = new("system", "UTC", new NotificationSettings(Email: false, WebhookUrl: null), DefaultConnection: null);
}

/// <summary>Notification preferences.</summary>
/// <param name="Email">Whether to send e-mail.</param>
/// <param name="WebhookUrl">An absolute https URL to post notifications to, if any.</param>
internal sealed record NotificationSettings(bool Email, string? WebhookUrl);
