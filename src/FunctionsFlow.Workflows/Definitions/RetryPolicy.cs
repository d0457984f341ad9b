namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A step's <c>retry</c>: how many times it runs at most and how long it waits between attempts.</summary>
/// <param name="MaxAttempts">The most attempts, the first included (1 to <see cref="MaxAllowedAttempts"/>).</param>
/// <param name="Backoff">How the delay grows from one retry to the next.</param>
/// <param name="InitialDelay">The delay before the first retry.</param>
/// <param name="MaxDelay">The longest delay between two attempts, when capped.</param>
public sealed record RetryPolicy(int MaxAttempts, BackoffKind Backoff, TimeSpan InitialDelay, TimeSpan? MaxDelay)
{
    /// <summary>The most attempts a definition may ask for.</summary>
    public const int MaxAllowedAttempts = 100;

    /// <summary>The backoff when none is written.</summary>
    public const BackoffKind DefaultBackoff = BackoffKind.Exponential;

    /// <summary>The initial delay when none is written.</summary>
    public static TimeSpan DefaultInitialDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the second attempt), capped by
    /// <see cref="MaxDelay"/>.</summary>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var factor = Backoff switch
        {
            BackoffKind.Fixed => 1d,
            BackoffKind.Linear => retry,
            _ => Math.Pow(2, Math.Min(retry - 1, 62)),
        };
        var ticks = InitialDelay.Ticks * factor;
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        return MaxDelay is { } max && delay > max ? max : delay;
    }
}
