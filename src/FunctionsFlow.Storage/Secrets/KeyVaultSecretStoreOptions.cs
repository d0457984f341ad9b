namespace FunctionsFlow.Storage.Secrets;

/// <summary>How <see cref="KeyVaultSecretStore"/> backs off when the vault throttles, beyond the SDK's own retries.</summary>
public sealed class KeyVaultSecretStoreOptions
{
    /// <summary>How many more times a call answered 429 is tried (after the SDK's retries gave up).</summary>
    public int MaxThrottleRetries { get; set; } = 4;

    /// <summary>The first backoff when the answer names no <c>Retry-After</c>; it doubles with each retry.</summary>
    public TimeSpan ThrottleDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest single backoff, whatever <c>Retry-After</c> says.</summary>
    public TimeSpan MaxThrottleDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a soft-deleted secret may take to come back before a write gives up.</summary>
    public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the recovery of a soft-deleted secret is checked.</summary>
    public TimeSpan RecoveryPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
