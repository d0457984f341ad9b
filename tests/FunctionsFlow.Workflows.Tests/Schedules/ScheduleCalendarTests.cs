using System.Diagnostics;
using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public sealed class ScheduleCalendarTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Interval_WithoutStart_RunsOneIntervalAfterCreation()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Interval: new IntervalTrigger(TimeSpan.FromMinutes(15))), T0);

        Assert.Equal(T0.AddMinutes(15), calendar.Next(T0));
        Assert.Equal(T0.AddMinutes(30), calendar.Next(T0.AddMinutes(15)));
        Assert.Equal(T0.AddMinutes(30), calendar.Next(T0.AddMinutes(29).AddSeconds(59)));
    }

    [Fact]
    public void Interval_CreatedBetweenSeconds_RunsOnWholeSeconds()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Interval: new IntervalTrigger(TimeSpan.FromMinutes(1))), T0.AddMilliseconds(1));

        Assert.Equal(T0.AddMinutes(1).AddSeconds(1), calendar.Next(T0));
        Assert.Equal(T0, ScheduleCalendar.CeilingToSecond(T0));
    }

    [Fact]
    public void Interval_StartInThePast_KeepsItsPhase()
    {
        var start = T0.AddDays(-3).AddMinutes(7);

        var calendar = new ScheduleCalendar(new ScheduleTrigger(Interval: new IntervalTrigger(TimeSpan.FromHours(1), start)), T0);

        Assert.Equal(T0.AddMinutes(7), calendar.Next(T0));
        Assert.Equal(start, calendar.Next(start.AddTicks(-1)));
    }

    [Fact]
    public void Interval_StartInTheFuture_IsTheFirstRun()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Interval: new IntervalTrigger(TimeSpan.FromDays(1), T0.AddHours(3))), T0);

        Assert.Equal(T0.AddHours(3), calendar.Next(T0));
        Assert.Equal(T0.AddHours(27), calendar.Next(T0.AddHours(3)));
    }

    [Fact]
    public void Interval_PastTheLastRepresentableTime_HasNoNext()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Interval: new IntervalTrigger(TimeSpan.FromDays(3650))), T0);

        Assert.Null(calendar.Next(DateTimeOffset.MaxValue.AddDays(-1)));
    }

    [Fact]
    public void Once_HasOneTime()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Once: new OnceTrigger(T0.AddHours(1))), T0);

        Assert.Equal(T0.AddHours(1), calendar.Next(T0));
        Assert.Null(calendar.Next(T0.AddHours(1)));
    }

    [Fact]
    public void Cron_UsesItsZone_AcrossTheSpringForwardGap()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Cron: new CronTrigger("0 30 2 * * *", "Europe/Berlin")), T0);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), calendar.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Recent_ReturnsTheLatestTimes_OldestFirst()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Cron: new CronTrigger("0 0 * * * *")), T0);

        var recent = calendar.Recent(T0, T0.AddHours(10), 3);

        Assert.Equal([T0.AddHours(8), T0.AddHours(9), T0.AddHours(10)], recent);
        Assert.Equal([T0.AddHours(1), T0.AddHours(2)], calendar.Recent(T0, T0.AddHours(2), 5));
        Assert.Empty(calendar.Recent(T0, T0.AddMinutes(59), 5));
    }

    [Fact]
    public void Recent_EverySecondOverAYear_LooksOnlyAsFarBackAsItNeeds()
    {
        var calendar = new ScheduleCalendar(new ScheduleTrigger(Cron: new CronTrigger("* * * * * *")), T0);
        var watch = Stopwatch.StartNew();

        var recent = calendar.Recent(T0, T0.AddDays(366), 30);

        Assert.Equal(30, recent.Count);
        Assert.Equal(T0.AddDays(366), recent[^1]);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"took {watch.Elapsed}");
    }

    [Fact]
    public void NoKind_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ScheduleCalendar(new ScheduleTrigger(), T0));
    }
}
