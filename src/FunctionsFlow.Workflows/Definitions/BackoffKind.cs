namespace FunctionsFlow.Workflows.Definitions;

/// <summary>How the delay between attempts of a retried step grows.</summary>
public enum BackoffKind
{
    /// <summary>Every retry waits the initial delay.</summary>
    Fixed,

    /// <summary>Retry <c>n</c> waits <c>n</c> times the initial delay.</summary>
    Linear,

    /// <summary>Retry <c>n</c> waits the initial delay times 2^(n-1).</summary>
    Exponential,
}
