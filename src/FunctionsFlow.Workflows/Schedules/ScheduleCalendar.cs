namespace FunctionsFlow.Workflows.Schedules;

/// <summary>The due times of a schedule's trigger: strictly increasing instants.</summary>
public sealed class ScheduleCalendar
{
    private static readonly TimeSpan FirstLookBack = TimeSpan.FromMinutes(1);

    private readonly Func<DateTimeOffset, DateTimeOffset?> _next;

    /// <summary>The calendar of <paramref name="trigger"/> for a schedule created at <paramref name="createdAt"/>.</summary>
    /// <exception cref="ArgumentException">The trigger sets none of its kinds, or its cron expression or time zone is invalid.</exception>
    public ScheduleCalendar(ScheduleTrigger trigger, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _next = trigger switch
        {
            { Once: { } once } => after => once.At > after ? once.At : null,
            { Interval: { } interval } => IntervalTimes(interval.StartAt ?? CeilingToSecond(createdAt) + interval.Every, interval.Every),
            { Cron: { } cron } => CronTimes(CronExpression.Parse(cron.Expression), TimeZoneResolver.Resolve(cron.TimeZone)),
            _ => throw new ArgumentException("A trigger needs once, interval or cron.", nameof(trigger)),
        };
    }

    /// <summary>The first whole second at or after <paramref name="time"/>, in UTC: due times fall on whole seconds.</summary>
    public static DateTimeOffset CeilingToSecond(DateTimeOffset time)
    {
        var partial = time.UtcTicks % TimeSpan.TicksPerSecond;
        return new DateTimeOffset(time.UtcTicks - partial + (partial == 0 ? 0 : TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    /// <summary>The first due time strictly after <paramref name="after"/>; null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _next(after);

    /// <summary>The latest <paramref name="most"/> due times after <paramref name="after"/> and up to <paramref name="until"/>
    /// (inclusive), oldest first.</summary>
    /// <remarks>Looks back from <paramref name="until"/> over spans that double until enough are found, so the work
    /// is about twice the times returned, not every time since <paramref name="after"/>.</remarks>
    public IReadOnlyList<DateTimeOffset> Recent(DateTimeOffset after, DateTimeOffset until, int most)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(most, 1);
        for (var span = FirstLookBack; ; span += span)
        {
            var from = until - after <= span ? after : until - span;
            var found = new Queue<DateTimeOffset>(most + 1);
            for (var due = Next(from); due is { } time && time <= until; due = Next(time))
            {
                found.Enqueue(time);
                if (found.Count > most)
                {
                    found.Dequeue();
                }
            }

            if (found.Count == most || from == after)
            {
                return [.. found];
            }
        }
    }

    private static Func<DateTimeOffset, DateTimeOffset?> IntervalTimes(DateTimeOffset first, TimeSpan every)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero);
        return after =>
        {
            if (after < first)
            {
                return first;
            }

            var steps = ((after - first).Ticks / every.Ticks) + 1;
            var ticks = first.UtcTicks + (decimal)steps * every.Ticks;
            return ticks <= DateTimeOffset.MaxValue.UtcTicks ? new DateTimeOffset((long)ticks, TimeSpan.Zero) : null;
        };
    }

    private static Func<DateTimeOffset, DateTimeOffset?> CronTimes(CronExpression expression, TimeZoneInfo zone) =>
        after => expression.GetNextOccurrence(after, zone);
}
