namespace FunctionsFlow.Durable;

/// <summary>Options of an activity or sub-orchestration call.</summary>
public record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with <paramref name="policy"/>.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>Options of a sub-orchestration call.</summary>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);

/// <summary>Durable retries: the wait between attempts is a durable timer, not a sleep.</summary>
/// <param name="MaxNumberOfAttempts">Attempts in all, the first included (at least 1).</param>
/// <param name="FirstRetryInterval">Wait before the second attempt.</param>
/// <param name="BackoffCoefficient">Each wait is the previous one times this (at least 1).</param>
/// <param name="MaxRetryInterval">Cap on one wait; null for none.</param>
/// <param name="RetryTimeout">Give up once this much time has passed since the first attempt; null for none.</param>
public sealed record RetryPolicy(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 1.0,
    TimeSpan? MaxRetryInterval = null,
    TimeSpan? RetryTimeout = null)
{
    /// <summary>Decides whether a failure is worth retrying; null retries every failure.</summary>
    public Func<TaskFailureDetails, bool>? HandleFailure { get; init; }

    /// <summary>The wait before attempt <paramref name="attempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        var delay = FirstRetryInterval.TotalMilliseconds * Math.Pow(BackoffCoefficient, attempt - 2);
        if (MaxRetryInterval is { } max)
        {
            delay = Math.Min(delay, max.TotalMilliseconds);
        }

        return TimeSpan.FromMilliseconds(Math.Min(delay, TimeSpan.MaxValue.TotalMilliseconds / 2));
    }

    /// <summary>Throws when the policy cannot work.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNumberOfAttempts, 1, nameof(MaxNumberOfAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(FirstRetryInterval, TimeSpan.Zero, nameof(FirstRetryInterval));
        ArgumentOutOfRangeException.ThrowIfLessThan(BackoffCoefficient, 1.0, nameof(BackoffCoefficient));
    }
}
