namespace FunctionsFlow.Workflows.Schedules;

/// <summary>What one position of a cron expression is called and which values it takes.</summary>
internal sealed class CronFieldSpec
{
    private static readonly string[] MonthNames =
        ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private CronFieldSpec(string name, int min, int max, string allowed, string[]? names = null, bool allowsQuestionMark = false)
    {
        Name = name;
        Min = min;
        Max = max;
        Allowed = allowed;
        Names = names;
        AllowsQuestionMark = allowsQuestionMark;
    }

    public static CronFieldSpec Second { get; } = new("second", 0, 59, "0-59");

    public static CronFieldSpec Minute { get; } = new("minute", 0, 59, "0-59");

    public static CronFieldSpec Hour { get; } = new("hour", 0, 23, "0-23");

    public static CronFieldSpec Day { get; } = new("day", 1, 31, "1-31 or ?", allowsQuestionMark: true);

    public static CronFieldSpec Month { get; } = new("month", 1, 12, "1-12 or JAN-DEC", MonthNames);

    /// <summary>Day of the week: 0-6 from Sunday, and 7 for Sunday as well.</summary>
    public static CronFieldSpec DayOfWeek { get; } =
        new("day-of-week", 0, 7, "0-7 (0 and 7 are Sunday), SUN-SAT or ?", DayNames, allowsQuestionMark: true);

    /// <summary>The field's name as messages show it.</summary>
    public string Name { get; }

    /// <summary>The smallest value written in the field.</summary>
    public int Min { get; }

    /// <summary>The largest value written in the field (7 for the day of the week, which stands for Sunday).</summary>
    public int Max { get; }

    /// <summary>A short description of the values the field takes, for error messages.</summary>
    public string Allowed { get; }

    /// <summary>How many steps a step value may span at most.</summary>
    public int StepLimit => this == DayOfWeek ? 7 : Max - Min + 1;

    /// <summary>True when <c>?</c> stands for "any" (day and day of the week).</summary>
    public bool AllowsQuestionMark { get; }

    /// <summary>True when the field takes three-letter names (months, days of the week).</summary>
    public bool HasNames => Names is not null;

    private string[]? Names { get; }

    /// <summary>The value of a three-letter name, or -1 when the field has no such name.</summary>
    /// <remarks>The name of the first value counts from <see cref="Min"/>; <c>SUN</c> at the end of a range is 7, so
    /// <c>MON-SUN</c> reads as Monday to Sunday.</remarks>
    public int ValueOfName(ReadOnlySpan<char> text, bool isRangeEnd)
    {
        if (Names is null)
        {
            return -1;
        }

        for (var i = 0; i < Names.Length; i++)
        {
            if (text.Equals(Names[i], StringComparison.OrdinalIgnoreCase))
            {
                var value = Min + i;
                return isRangeEnd && this == DayOfWeek && value == 0 ? 7 : value;
            }
        }

        return -1;
    }
}
