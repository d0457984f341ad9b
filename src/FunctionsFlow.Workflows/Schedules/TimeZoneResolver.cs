namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Turns the time-zone id of a schedule into a <see cref="TimeZoneInfo"/>.</summary>
public static class TimeZoneResolver
{
    /// <summary>Resolves an IANA id (<c>Europe/Berlin</c>) or a Windows id (<c>W. Europe Standard Time</c>) on any
    /// platform; <c>UTC</c> always resolves.</summary>
    /// <exception cref="ArgumentException">The id is empty or names no time zone known to this machine.</exception>
    public static TimeZoneInfo Resolve(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        if (TryFind(id) is { } zone)
        {
            return zone;
        }

        var alternative = TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) ? iana
            : TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windows) ? windows
            : null;
        return (alternative is null ? null : TryFind(alternative))
            ?? throw new ArgumentException(
                $"Unknown time zone '{id}'. Use an IANA id such as 'Europe/Berlin', a Windows id such as 'W. Europe Standard Time', or 'UTC'.",
                nameof(id));
    }

    private static TimeZoneInfo? TryFind(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
