namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Finds the edges of daylight-saving transitions, which <see cref="TimeZoneInfo"/> does not expose directly.</summary>
internal static class ZoneClock
{
    private const long LongestGapSeconds = 2 * 24 * 60 * 60;

    /// <summary>The first whole second after <paramref name="instant"/> whose UTC offset is no longer
    /// <paramref name="offset"/>, searched within <paramref name="span"/>.</summary>
    public static DateTimeOffset NextOffsetChange(TimeZoneInfo zone, DateTimeOffset instant, TimeSpan offset, TimeSpan span)
    {
        var seconds = FirstFailing(0, (long)span.TotalSeconds, second => zone.GetUtcOffset(instant.AddSeconds(second)) == offset);
        return instant.AddSeconds(seconds);
    }

    /// <summary>The instant at which a spring-forward gap ends, given a wall-clock time inside it; this is the first
    /// instant whose local time lies after the gap.</summary>
    public static DateTimeOffset EndOfGap(TimeZoneInfo zone, DateTime wallClock)
    {
        bool InGap(long second) => zone.IsInvalidTime(wallClock.AddSeconds(second));

        // Gaps are usually an hour: widen the window until it reaches past the gap, then narrow it to the second.
        long low = 0;
        long high = 60;
        while (high < LongestGapSeconds && InGap(high))
        {
            (low, high) = (high, high * 2);
        }

        var firstValid = wallClock.AddSeconds(FirstFailing(low, high, InGap));
        return new DateTimeOffset(firstValid, zone.GetUtcOffset(firstValid)).ToUniversalTime();
    }

    /// <summary>Binary search: given that <paramref name="holds"/> is true at <paramref name="low"/> and false at
    /// <paramref name="high"/>, the first value where it turns false.</summary>
    private static long FirstFailing(long low, long high, Func<long, bool> holds)
    {
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            if (holds(middle))
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }
}
