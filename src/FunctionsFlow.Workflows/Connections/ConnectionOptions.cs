namespace FunctionsFlow.Workflows.Connections;

/// <summary>How connections are refreshed, cached and stored.</summary>
public sealed record ConnectionOptions
{
    /// <summary>The defaults.</summary>
    public static ConnectionOptions Default { get; } = new();

    /// <summary>How long before an OAuth access token expires it is refreshed (the next use after that refreshes it).</summary>
    public TimeSpan RefreshBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one refresh may take (the token endpoint's answer included).</summary>
    public TimeSpan RefreshTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary><c>lastUsedAt</c> is written at most this often per connection (a use is not a write each time).</summary>
    public TimeSpan LastUsedResolution { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How many secret versions the in-memory cache keeps (least recently used go first).</summary>
    public int CacheCapacity { get; init; } = 1000;

    /// <summary>How long a cached secret is used before the store is asked again.</summary>
    public TimeSpan CacheTimeToLive { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How old a cached secret may be and still be used while the store cannot be reached.</summary>
    public TimeSpan CacheMaxStale { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The expiry given to a stored secret whose credential has none of its own (a refresh or a new put
    /// writes a new version with a new expiry).</summary>
    public TimeSpan SecretLifetime { get; init; } = TimeSpan.FromDays(365);
}
