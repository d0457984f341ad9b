namespace FunctionsFlow.Workflows.Sessions;

/// <summary>What a session accepts: a TTL (and an extension) between <see cref="MinTtl"/> and <see cref="MaxTtl"/>,
/// data up to <see cref="MaxDataBytes"/> of UTF-8 JSON.</summary>
public sealed record SessionLimits
{
    /// <summary>The limits used unless configured otherwise.</summary>
    public static SessionLimits Default { get; } = new();

    /// <summary>The shortest TTL or extension.</summary>
    public TimeSpan MinTtl { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest TTL, and the furthest an extension may move the expiry from now.</summary>
    public TimeSpan MaxTtl { get; init; } = TimeSpan.FromDays(365);

    /// <summary>The largest data.</summary>
    public int MaxDataBytes { get; init; } = 64 * 1024;
}
