using System.Globalization;
using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public sealed class CronExpressionDaylightSavingTests
{
    [Theory]
    [InlineData("0 0 * * * *", "Europe/Berlin", "2026-10-25", 25)]
    [InlineData("0 0 * * * *", "Europe/Berlin", "2026-03-29", 23)]
    [InlineData("0 0 * * * *", "Europe/Berlin", "2026-07-01", 24)]
    [InlineData("0 */15 * * * *", "Europe/Berlin", "2026-10-25", 100)]
    [InlineData("0 */15 * * * *", "Europe/Berlin", "2026-03-29", 92)]
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-10-25", 1)]
    [InlineData("0 30 2 * * *", "Europe/Berlin", "2026-03-29", 1)]
    [InlineData("0 0 * * * *", "America/New_York", "2026-11-01", 25)]
    [InlineData("0 0 * * * *", "America/New_York", "2026-03-08", 23)]
    [InlineData("0 0,30 1 * * *", "America/New_York", "2026-11-01", 2)]
    [InlineData("* * * * * *", "Europe/Berlin", "2026-10-25", 25 * 3600)]
    public void GetOccurrences_OverOneLocalDay_ReturnsStrictlyIncreasingInstantsOfExpectedCount(
        string expression, string zoneId, string day, int expectedCount)
    {
        var zone = TimeZoneResolver.Resolve(zoneId);
        var (start, end) = LocalDay(day, zone);

        var occurrences = CronExpression.Parse(expression).GetOccurrences(start, end, zone).ToList();

        Assert.Equal(expectedCount, occurrences.Count);
        Assert.All(occurrences.Zip(occurrences.Skip(1)), pair => Assert.True(pair.First < pair.Second));
        Assert.All(occurrences, occurrence => Assert.InRange(occurrence, start, end.AddTicks(-1)));
    }

    [Fact]
    public void GetOccurrences_HourlyOverBerlinFallBack_FiresTwiceAtTwoLocal()
    {
        var zone = TimeZoneResolver.Resolve("Europe/Berlin");
        var (start, end) = LocalDay("2026-10-25", zone);

        var hours = CronExpression.Parse("0 0 * * * *").GetOccurrences(start, end, zone)
            .Select(occurrence => TimeZoneInfo.ConvertTime(occurrence, zone).ToString("HH:mmzzz", CultureInfo.InvariantCulture))
            .Take(5);

        Assert.Equal(["00:00+02:00", "01:00+02:00", "02:00+02:00", "02:00+01:00", "03:00+01:00"], hours);
    }

    [Fact]
    public void GetOccurrences_FromIsAnOccurrence_IncludesFromAndExcludesTo()
    {
        var start = new DateTimeOffset(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

        var occurrences = CronExpression.Parse("0 0 * * * *").GetOccurrences(start, start.AddHours(2), TimeZoneInfo.Utc);

        Assert.Equal([start, start.AddHours(1)], occurrences);
    }

    [Fact]
    public void GetOccurrences_NeverMatching_IsEmpty()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var occurrences = CronExpression.Parse("0 0 0 30 2 *").GetOccurrences(start, start.AddYears(20), TimeZoneInfo.Utc);

        Assert.Empty(occurrences);
    }

    /// <summary>Local midnight of a day to the next local midnight, as instants.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) LocalDay(string day, TimeZoneInfo zone)
    {
        var midnight = DateTime.Parse(day, CultureInfo.InvariantCulture);
        var next = midnight.AddDays(1);
        return (new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)), new DateTimeOffset(next, zone.GetUtcOffset(next)));
    }
}
