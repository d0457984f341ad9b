using System.Globalization;
using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public sealed class CronExpressionNextOccurrenceTests
{
    private const string Utc = "UTC";
    private const string Berlin = "Europe/Berlin";
    private const string NewYork = "America/New_York";

    /// <summary>Expression, zone, the instant to start after, and the occurrences that follow, in order.</summary>
    public static TheoryData<string, string, string, string[]> Cases { get; } = new()
    {
        // Every second and every few minutes.
        { "* * * * * *", Utc, "2026-01-01T00:00:00Z", ["2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z", "2026-01-01T00:00:03Z"] },
        { "* * * * * *", Utc, "2026-01-01T00:00:00.5Z", ["2026-01-01T00:00:01Z"] },
        { "0 */5 * * * *", Utc, "2026-01-01T10:02:00Z", ["2026-01-01T10:05:00Z", "2026-01-01T10:10:00Z", "2026-01-01T10:15:00Z"] },
        { "0 */5 * * * *", Utc, "2026-01-01T10:05:00Z", ["2026-01-01T10:10:00Z"] },

        // Weekdays, lists, ranges with steps, a/n.
        { "0 30 9 * * MON-FRI", Utc, "2026-01-02T09:30:00Z", ["2026-01-05T09:30:00Z", "2026-01-06T09:30:00Z"] },
        { "0 0 12 * * 1,3,5", Utc, "2026-01-01T00:00:00Z", ["2026-01-02T12:00:00Z", "2026-01-05T12:00:00Z", "2026-01-07T12:00:00Z"] },
        { "0 0,15,45 8 * * *", Utc, "2026-01-01T08:10:00Z", ["2026-01-01T08:15:00Z", "2026-01-01T08:45:00Z", "2026-01-02T08:00:00Z"] },
        { "0 0 9-17/4 * * *", Utc, "2026-01-01T00:00:00Z", ["2026-01-01T09:00:00Z", "2026-01-01T13:00:00Z", "2026-01-01T17:00:00Z", "2026-01-02T09:00:00Z"] },
        { "0 5/20 * * * *", Utc, "2026-01-01T00:30:00Z", ["2026-01-01T00:45:00Z", "2026-01-01T01:05:00Z", "2026-01-01T01:25:00Z"] },
        { "30 10-40/15 * * * *", Utc, "2026-01-01T00:40:30Z", ["2026-01-01T01:10:30Z", "2026-01-01T01:25:30Z"] },
        { "0 0 0 1-3,10,*/10 * *", Utc, "2026-01-03T00:00:00Z", ["2026-01-10T00:00:00Z", "2026-01-11T00:00:00Z", "2026-01-21T00:00:00Z", "2026-01-31T00:00:00Z", "2026-02-01T00:00:00Z"] },
        { "0 0 10 * * SAT,SUN", Utc, "2026-01-01T00:00:00Z", ["2026-01-03T10:00:00Z", "2026-01-04T10:00:00Z", "2026-01-10T10:00:00Z"] },
        { "  0  0   12 *  * *  ", Utc, "2026-01-01T12:00:00Z", ["2026-01-02T12:00:00Z"] },

        // Names, in any case, in ranges and with steps; 7 and SUN at the end of a range are Sunday.
        { "0 0 0 1 JAN-MAR/2 *", Utc, "2026-01-01T00:00:00Z", ["2026-03-01T00:00:00Z", "2027-01-01T00:00:00Z"] },
        { "0 0 6 * jan,jul sun", Utc, "2026-01-01T00:00:00Z", ["2026-01-04T06:00:00Z", "2026-01-11T06:00:00Z"] },
        { "0 0 6 * jan,jul sun", Utc, "2026-01-25T06:00:00Z", ["2026-07-05T06:00:00Z"] },
        { "0 0 8 * * 7", Utc, "2026-01-01T00:00:00Z", ["2026-01-04T08:00:00Z", "2026-01-11T08:00:00Z"] },
        { "0 0 8 * * 5-7", Utc, "2026-01-01T08:00:00Z", ["2026-01-02T08:00:00Z", "2026-01-03T08:00:00Z", "2026-01-04T08:00:00Z", "2026-01-09T08:00:00Z"] },
        { "0 0 8 * * MON-SUN", Utc, "2026-01-01T08:00:00Z", ["2026-01-02T08:00:00Z", "2026-01-03T08:00:00Z"] },

        // Month ends, leap days, rollovers.
        { "0 0 0 31 * *", Utc, "2026-01-31T00:00:00Z", ["2026-03-31T00:00:00Z", "2026-05-31T00:00:00Z", "2026-07-31T00:00:00Z", "2026-08-31T00:00:00Z"] },
        { "0 0 0 30 * *", Utc, "2026-01-30T00:00:00Z", ["2026-03-30T00:00:00Z", "2026-04-30T00:00:00Z"] },
        { "0 0 0 29 2 *", Utc, "2025-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"] },
        { "0 0 0 29 2 *", Utc, "2096-03-01T00:00:00Z", ["2104-02-29T00:00:00Z"] },
        { "59 59 23 31 12 *", Utc, "2026-12-31T23:59:58Z", ["2026-12-31T23:59:59Z", "2027-12-31T23:59:59Z"] },
        { "* * * * * *", Utc, "2026-12-31T23:59:59Z", ["2027-01-01T00:00:00Z"] },
        { "0 0 0 1 * *", Utc, "2026-12-15T00:00:00Z", ["2027-01-01T00:00:00Z", "2027-02-01T00:00:00Z"] },

        // Day and day of the week both restricted: either matches.
        { "0 0 0 1,15 * MON", Utc, "2026-01-01T00:00:00Z", ["2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", "2026-01-15T00:00:00Z", "2026-01-19T00:00:00Z"] },
        { "0 0 0 13 * FRI", Utc, "2026-02-01T00:00:00Z", ["2026-02-06T00:00:00Z", "2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z", "2026-02-27T00:00:00Z", "2026-03-06T00:00:00Z", "2026-03-13T00:00:00Z"] },
        { "0 0 0 ? * MON", Utc, "2026-01-01T00:00:00Z", ["2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z"] },
        { "0 0 0 15 * ?", Utc, "2026-01-01T00:00:00Z", ["2026-01-15T00:00:00Z", "2026-02-15T00:00:00Z"] },

        // Five fields: the seconds are 0.
        { "*/10 * * * *", Utc, "2026-01-01T00:00:30Z", ["2026-01-01T00:10:00Z", "2026-01-01T00:20:00Z"] },
        { "30 9 * * MON-FRI", Utc, "2026-01-02T09:30:00Z", ["2026-01-05T09:30:00Z"] },
        { "0 0 1 1 *", Utc, "2026-06-01T00:00:00Z", ["2027-01-01T00:00:00Z"] },

        // Europe/Berlin, spring forward on 2026-03-29: 02:00-02:59 local does not exist.
        { "0 30 2 * * *", Berlin, "2026-03-28T12:00:00+01:00", ["2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"] },
        { "0 30 2 * * *", Berlin, "2026-03-29T01:00:00Z", ["2026-03-30T00:30:00Z"] },
        { "0 0 * * * *", Berlin, "2026-03-29T01:00:00+01:00", ["2026-03-29T03:00:00+02:00", "2026-03-29T04:00:00+02:00"] },
        { "0 */15 * * * *", Berlin, "2026-03-29T01:45:00+01:00", ["2026-03-29T03:00:00+02:00", "2026-03-29T03:15:00+02:00"] },
        { "0 10 * * * *", Berlin, "2026-03-29T01:10:00+01:00", ["2026-03-29T03:10:00+02:00"] },

        // Europe/Berlin, fall back on 2026-10-25: 02:00-02:59 local happens twice.
        { "0 30 2 * * *", Berlin, "2026-10-24T12:00:00Z", ["2026-10-25T02:30:00+02:00", "2026-10-26T02:30:00+01:00"] },
        { "0 30 2 * * *", Berlin, "2026-10-25T02:45:00+02:00", ["2026-10-26T02:30:00+01:00"] },
        { "0 30 2 * * *", Berlin, "2026-10-25T02:10:00+01:00", ["2026-10-26T02:30:00+01:00"] },
        { "0 */30 * * * *", Berlin, "2026-10-25T01:30:00+02:00", ["2026-10-25T02:00:00+02:00", "2026-10-25T02:30:00+02:00", "2026-10-25T02:00:00+01:00", "2026-10-25T02:30:00+01:00", "2026-10-25T03:00:00+01:00"] },
        { "0 0 * * * *", Berlin, "2026-10-25T02:10:00+02:00", ["2026-10-25T02:00:00+01:00", "2026-10-25T03:00:00+01:00"] },
        { "0 0 0 31 * *", Berlin, "2026-04-01T00:00:00+02:00", ["2026-05-31T00:00:00+02:00"] },

        // America/New_York, spring forward on 2026-03-08 and fall back on 2026-11-01.
        { "0 30 2 * * *", NewYork, "2026-03-07T12:00:00-05:00", ["2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"] },
        { "0 0 * * * *", NewYork, "2026-03-08T01:00:00-05:00", ["2026-03-08T03:00:00-04:00"] },
        { "0 30 1 * * *", NewYork, "2026-10-31T12:00:00-04:00", ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"] },
        { "0 */20 * * * *", NewYork, "2026-11-01T00:50:00-04:00", ["2026-11-01T01:00:00-04:00", "2026-11-01T01:20:00-04:00", "2026-11-01T01:40:00-04:00", "2026-11-01T01:00:00-05:00", "2026-11-01T01:20:00-05:00", "2026-11-01T01:40:00-05:00", "2026-11-01T02:00:00-05:00"] },
        { "0 30 9 * * MON-FRI", "Eastern Standard Time", "2026-03-06T09:30:00-05:00", ["2026-03-09T09:30:00-04:00"] },

        // The last day of a month that is also the spring-forward day (Europe/Berlin, 2024-03-31), and ranges that
        // reach past the end of short months.
        { "0 30 2 31 3 *", Berlin, "2024-01-01T00:00:00Z", ["2024-03-31T03:00:00+02:00", "2025-03-31T02:30:00+02:00"] },
        { "0 0 12 28-31 * *", Utc, "2027-02-27T00:00:00Z", ["2027-02-28T12:00:00Z", "2027-03-28T12:00:00Z"] },
        { "0 0 12 28-31 2 *", Utc, "2028-02-28T12:00:00Z", ["2028-02-29T12:00:00Z", "2029-02-28T12:00:00Z"] },
        { "0 59 23 30,31 * *", Utc, "2026-04-29T00:00:00Z", ["2026-04-30T23:59:00Z", "2026-05-30T23:59:00Z", "2026-05-31T23:59:00Z"] },

        // Southern hemisphere: Australia/Sydney falls back on 2026-04-05 (03:00 to 02:00) and springs forward on
        // 2026-10-04 (02:00 to 03:00); Lord Howe Island moves by half an hour (02:00 to 01:30, and 02:00 to 02:30).
        { "0 30 2 * * *", "Australia/Sydney", "2026-04-04T12:00:00+11:00", ["2026-04-05T02:30:00+11:00", "2026-04-06T02:30:00+10:00"] },
        { "0 30 2 * * *", "Australia/Sydney", "2026-10-03T12:00:00+10:00", ["2026-10-04T03:00:00+11:00", "2026-10-05T02:30:00+11:00"] },
        { "0 0 * * * *", "Australia/Sydney", "2026-04-05T01:30:00+11:00", ["2026-04-05T02:00:00+11:00", "2026-04-05T02:00:00+10:00", "2026-04-05T03:00:00+10:00"] },
        { "0 45 1 * * *", "Australia/Lord_Howe", "2026-04-04T12:00:00+11:00", ["2026-04-05T01:45:00+11:00", "2026-04-06T01:45:00+10:30"] },
        { "0 */15 * * * *", "Australia/Lord_Howe", "2026-04-05T01:15:00+11:00", ["2026-04-05T01:30:00+11:00", "2026-04-05T01:45:00+11:00", "2026-04-05T01:30:00+10:30", "2026-04-05T01:45:00+10:30", "2026-04-05T02:00:00+10:30"] },
        { "0 15 2 * * *", "Australia/Lord_Howe", "2026-10-03T12:00:00+10:30", ["2026-10-04T02:30:00+11:00", "2026-10-05T02:15:00+11:00"] },

        // Zones without daylight saving: Tokyo, and Kolkata with its half-hour offset.
        { "0 0 9 * * *", "Asia/Tokyo", "2026-01-01T00:00:00Z", ["2026-01-02T09:00:00+09:00"] },
        { "0 0 0 1 1 *", "Asia/Tokyo", "2026-12-31T23:59:59+09:00", ["2027-01-01T00:00:00+09:00", "2028-01-01T00:00:00+09:00"] },
        { "0 0 9 * * *", "Asia/Kolkata", "2026-01-01T00:00:00Z", ["2026-01-01T09:00:00+05:30", "2026-01-02T09:00:00+05:30"] },
        { "0 */45 * * * *", "Asia/Kolkata", "2026-01-01T00:00:00Z", ["2026-01-01T05:45:00+05:30", "2026-01-01T06:00:00+05:30", "2026-01-01T06:45:00+05:30"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GetNextOccurrence_FromTable_ReturnsExpectedSequence(string expression, string zoneId, string after, string[] expected)
    {
        var cron = CronExpression.Parse(expression);
        var zone = TimeZoneResolver.Resolve(zoneId);

        var actual = new List<DateTimeOffset>();
        var cursor = Instant(after);
        foreach (var _ in expected)
        {
            var next = cron.GetNextOccurrence(cursor, zone);
            Assert.NotNull(next);
            Assert.Equal(TimeSpan.Zero, next.Value.Offset);
            actual.Add(next.Value);
            cursor = next.Value;
        }

        Assert.Equal(expected.Select(Instant), actual);
    }

    [Theory]
    [InlineData("0 0 0 30 2 *")]
    [InlineData("0 0 0 31 4,6,9,11 *")]
    [InlineData("0 0 12 31 FEB ?")]
    public void GetNextOccurrence_NeverMatching_ReturnsNull(string expression)
    {
        var next = CronExpression.Parse(expression).GetNextOccurrence(Instant("2026-01-01T00:00:00Z"), TimeZoneInfo.Utc);

        Assert.Null(next);
    }

    [Fact]
    public void GetNextOccurrence_ThousandSuccessiveCalls_TakeWellUnderASecond()
    {
        var cron = CronExpression.Parse("0 30 2 29 2 MON");
        var zone = TimeZoneResolver.Resolve(Berlin);
        var cursor = Instant("2026-01-01T00:00:00Z");
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        for (var i = 0; i < 1000; i++)
        {
            cursor = cron.GetNextOccurrence(cursor, zone)!.Value;
        }

        stopwatch.Stop();
        Assert.True(cursor.Year > 2040, $"1000 Mondays and leap days end after 2040, not at {cursor:O}.");
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"1000 occurrences took {stopwatch.Elapsed}.");
    }

    private static DateTimeOffset Instant(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
}
