namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Occurrences in a time zone: the wall-clock search mapped onto instants, across daylight saving.</summary>
public sealed partial class CronExpression
{
    /// <summary>How far ahead <see cref="GetNextOccurrence"/> looks before it concludes that nothing matches.
    /// Ten years cover February 29 across 2100, which is not a leap year.</summary>
    public const int LookaheadYears = 10;

    private static readonly DateTime LatestWallClock = new(9999, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>The first occurrence strictly after <paramref name="after"/>, with the expression evaluated in the local
    /// time of <paramref name="zone"/>; null when nothing matches within <see cref="LookaheadYears"/> years.</summary>
    /// <returns>The occurrence as a UTC instant (offset zero).</returns>
    /// <remarks>
    /// <para>Daylight saving, where local clocks jump:</para>
    /// <list type="bullet">
    /// <item>A local time inside a spring-forward gap does not exist. For an expression whose second, minute and hour
    /// fields are fixed values (such as <c>0 30 2 * * *</c>), the occurrence fires once at the first instant after the
    /// gap (02:30 in Europe/Berlin on the spring-forward day fires at 03:00 local, 01:00 UTC); it is not skipped.
    /// An interval expression (a <c>*</c> or a step in the second, minute or hour field, such as <c>0 */15 * * * *</c>)
    /// is about elapsed time, so its times inside the gap are simply absent and it goes on at its next time after it.</item>
    /// <item>A local time that occurs twice in a fall-back overlap fires once, at its first (daylight) instance, for an
    /// expression with fixed second, minute and hour fields; an interval expression fires at both instances.</item>
    /// </list>
    /// <para>Successive occurrences are strictly increasing instants.</para>
    /// </remarks>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);

        // Occurrences fall on whole seconds: the first candidate is the next whole second after 'after'.
        var utcTicks = after.UtcTicks;
        if (utcTicks >= DateTimeOffset.MaxValue.UtcTicks - TimeSpan.TicksPerDay)
        {
            return null;
        }

        var ticks = Math.Max(utcTicks - (utcTicks % TimeSpan.TicksPerSecond) + TimeSpan.TicksPerSecond, TimeSpan.TicksPerDay);
        var candidate = new DateTimeOffset(ticks, TimeSpan.Zero);
        var start = TimeZoneInfo.ConvertTime(candidate, zone).DateTime;
        var end = start < LatestWallClock.AddYears(-LookaheadYears) ? start.AddYears(LookaheadYears) : LatestWallClock;

        while (true)
        {
            var local = TimeZoneInfo.ConvertTime(candidate, zone);
            var (wallClock, offset) = (local.DateTime, local.Offset);
            if (wallClock >= end)
            {
                return null;
            }

            if (zone.IsAmbiguousTime(wallClock))
            {
                var (first, second) = InstanceOffsets(zone, wallClock);
                if (offset == first)
                {
                    // Inside the first pass of an overlap the wall clock runs on until the clocks go back; look only
                    // there, then go on from the instant the clocks go back.
                    var change = ZoneClock.NextOffsetChange(zone, candidate, offset, first - second);
                    var endOfFirstPass = change.UtcDateTime + offset;
                    if (NextWallClockMatch(wallClock, endOfFirstPass < end ? endOfFirstPass : end) is { } early)
                    {
                        return ToUtc(early, offset);
                    }

                    candidate = change;
                    continue;
                }
            }

            if (NextWallClockMatch(wallClock, end) is not { } match)
            {
                return null;
            }

            if (zone.IsInvalidTime(match))
            {
                var endOfGap = ZoneClock.EndOfGap(zone, match);
                if (IsFixedTime)
                {
                    return endOfGap;
                }

                candidate = endOfGap;
                continue;
            }

            if (zone.IsAmbiguousTime(match))
            {
                var (first, second) = InstanceOffsets(zone, match);
                var firstInstance = ToUtc(match, first);
                if (firstInstance >= candidate)
                {
                    return firstInstance;
                }

                if (!IsFixedTime)
                {
                    return ToUtc(match, second);
                }

                // Already in the second pass of the overlap: a fixed time fired in the first, so look past it.
                candidate = ToUtc(match.AddSeconds(1), offset);
                continue;
            }

            return ToUtc(match, zone.GetUtcOffset(match));
        }
    }

    /// <summary>The occurrences from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), in order,
    /// computed lazily with the rules of <see cref="GetNextOccurrence"/>.</summary>
    public IEnumerable<DateTimeOffset> GetOccurrences(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return Enumerate(from, to, zone);
    }

    private IEnumerable<DateTimeOffset> Enumerate(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var after = from.UtcTicks > 0 ? from.AddTicks(-1) : from;
        for (var next = GetNextOccurrence(after, zone); next is { } occurrence && occurrence < to; next = GetNextOccurrence(occurrence, zone))
        {
            yield return occurrence;
        }
    }

    /// <summary>The offsets of the first (earlier, daylight) and second instance of an ambiguous local time.</summary>
    private static (TimeSpan First, TimeSpan Second) InstanceOffsets(TimeZoneInfo zone, DateTime ambiguous)
    {
        var offsets = zone.GetAmbiguousTimeOffsets(ambiguous);
        return (offsets.Max(), offsets.Min());
    }

    private static DateTimeOffset ToUtc(DateTime wallClock, TimeSpan offset) =>
        new(wallClock.Ticks - offset.Ticks, TimeSpan.Zero);
}
