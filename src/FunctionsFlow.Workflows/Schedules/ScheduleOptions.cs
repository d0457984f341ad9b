namespace FunctionsFlow.Workflows.Schedules;

/// <summary>The limits and timings of schedules.</summary>
public sealed record ScheduleOptions
{
    /// <summary>The options used unless configured otherwise.</summary>
    public static ScheduleOptions Default { get; } = new();

    /// <summary>The catch-up window of a schedule that names none.</summary>
    public TimeSpan DefaultCatchUpWindow { get; init; } = TimeSpan.FromDays(1);

    /// <summary>The longest catch-up window a schedule may name.</summary>
    public TimeSpan MaxCatchUpWindow { get; init; } = TimeSpan.FromDays(366);

    /// <summary>The most missed runs <see cref="CatchUpPolicy.All"/> starts at once (the most recent ones).</summary>
    public int MaxCatchUpRuns { get; init; } = 10;

    /// <summary>A due time fired later than this after it was due counts as missed, and its catch-up policy applies.</summary>
    public TimeSpan MisfireThreshold { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a schedule with a buffered run looks whether the running execution has ended.</summary>
    public TimeSpan BufferPollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How many runs a schedule keeps in its recent runs.</summary>
    public int MaxRecentRuns { get; init; } = 20;

    /// <summary>When a schedule could not reach storage, how long before it tries again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The shortest interval.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The largest input, in UTF-8 bytes of JSON (so that the encrypted definition fits one table column).</summary>
    public int MaxInputBytes { get; init; } = 16 * 1024;
}
