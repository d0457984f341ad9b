namespace FunctionsFlow.Workflows.Schedules;

/// <summary>The search in local wall-clock time, free of time zones: field by field, skipping whole months, days,
/// hours and minutes that cannot match.</summary>
public sealed partial class CronExpression
{
    /// <summary>The first wall-clock time at or after <paramref name="start"/> (whole seconds) and before
    /// <paramref name="end"/> that the expression matches, or null when there is none.</summary>
    private DateTime? NextWallClockMatch(DateTime start, DateTime end)
    {
        var (year, month, day) = (start.Year, start.Month, start.Day);
        var (hour, minute, second) = (start.Hour, start.Minute, start.Second);

        // Each pass either returns or moves a field forward; an overflowing value (month 13, day 32, hour 24,
        // minute 60) matches nothing, so the next pass carries it into the field above.
        while (year <= end.Year)
        {
            var nextMonth = _months.NextAtOrAfter(month);
            if (nextMonth < 0)
            {
                (year, month, day, hour, minute, second) = (year + 1, 1, 1, 0, 0, 0);
                continue;
            }

            if (nextMonth != month)
            {
                (month, day, hour, minute, second) = (nextMonth, 1, 0, 0, 0);
            }

            var nextDay = NextMatchingDay(year, month, day);
            if (nextDay < 0)
            {
                (month, day, hour, minute, second) = (month + 1, 1, 0, 0, 0);
                continue;
            }

            if (nextDay != day)
            {
                (day, hour, minute, second) = (nextDay, 0, 0, 0);
            }

            var nextHour = _hours.NextAtOrAfter(hour);
            if (nextHour < 0)
            {
                (day, hour, minute, second) = (day + 1, 0, 0, 0);
                continue;
            }

            if (nextHour != hour)
            {
                (hour, minute, second) = (nextHour, 0, 0);
            }

            var nextMinute = _minutes.NextAtOrAfter(minute);
            if (nextMinute < 0)
            {
                (hour, minute, second) = (hour + 1, 0, 0);
                continue;
            }

            if (nextMinute != minute)
            {
                (minute, second) = (nextMinute, 0);
            }

            var nextSecond = _seconds.NextAtOrAfter(second);
            if (nextSecond < 0)
            {
                (minute, second) = (minute + 1, 0);
                continue;
            }

            var match = new DateTime(year, month, day, hour, minute, nextSecond, DateTimeKind.Unspecified);
            return match < end ? match : null;
        }

        return null;
    }

    /// <summary>The first day of the month at or after <paramref name="fromDay"/> that the day and day-of-week fields
    /// allow, or -1 when there is none. When both fields are restricted, either one matching is enough.</summary>
    private int NextMatchingDay(int year, int month, int fromDay)
    {
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (_daysOfWeek.IsAny)
        {
            var day = _days.NextAtOrAfter(fromDay);
            return day <= daysInMonth ? day : -1;
        }

        var firstDayOfWeek = (int)new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).DayOfWeek;
        for (var day = fromDay; day <= daysInMonth; day++)
        {
            if ((!_days.IsAny && _days.Contains(day)) || _daysOfWeek.Contains((firstDayOfWeek + day - 1) % 7))
            {
                return day;
            }
        }

        return -1;
    }
}
