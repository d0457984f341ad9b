using System.Diagnostics.CodeAnalysis;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A parsed cron expression: the Azure Functions six-field format
/// <c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, or the classic five fields without seconds.</summary>
/// <remarks>
/// <para>Each field takes <c>*</c>, a value, a range <c>a-b</c>, a step <c>*/n</c>, <c>a-b/n</c> or <c>a/n</c>
/// (from a to the end of the field) and lists of these (<c>1,5-7,*/20</c>). Months take <c>JAN</c>-<c>DEC</c> and days of
/// the week <c>SUN</c>-<c>SAT</c>, in any case; days of the week run 0-6 from Sunday, and 7 is Sunday too. Day and day of
/// the week take <c>?</c> as <c>*</c>.</para>
/// <para>When both the day and the day of the week are restricted (neither is <c>*</c> or <c>?</c>), a date matches when
/// <em>either</em> matches, as in classic cron: <c>0 0 0 1 * MON</c> fires on the first of each month and on every
/// Monday.</para>
/// <para>Instances are immutable and safe to share between threads.</para>
/// </remarks>
public sealed partial class CronExpression
{
    private const int SixFields = 6;

    private static readonly CronFieldSpec[] Specs =
    [
        CronFieldSpec.Second, CronFieldSpec.Minute, CronFieldSpec.Hour,
        CronFieldSpec.Day, CronFieldSpec.Month, CronFieldSpec.DayOfWeek,
    ];

    private readonly CronField _seconds;
    private readonly CronField _minutes;
    private readonly CronField _hours;
    private readonly CronField _days;
    private readonly CronField _months;
    private readonly CronField _daysOfWeek;
    private readonly string _text;

    private CronExpression(CronField[] fields)
    {
        (_seconds, _minutes, _hours) = (fields[0], fields[1], fields[2]);
        (_days, _months, _daysOfWeek) = (fields[3], fields[4], fields[5]);
        _text = string.Join(' ', fields.Select(field => field.Text));
    }

    /// <summary>True when the second, minute and hour fields are all fixed values (no <c>*</c> and no step),
    /// so the expression names clock times rather than intervals; this decides how daylight saving is handled.</summary>
    private bool IsFixedTime => !(_seconds.IsInterval || _minutes.IsInterval || _hours.IsInterval);

    /// <summary>Parses a cron expression of six fields, or five without the seconds (which are then 0).</summary>
    /// <exception cref="CronFormatException">The expression is malformed; the message names the field and what it allows.</exception>
    public static CronExpression Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var error = TryParseCore(expression, out var result);
        return error is null ? result! : throw error;
    }

    /// <summary>Parses a cron expression, reporting a malformed one through <paramref name="error"/> instead of throwing.</summary>
    /// <returns>True when the expression is valid.</returns>
    public static bool TryParse(
        string? expression,
        [NotNullWhen(true)] out CronExpression? result,
        [NotNullWhen(false)] out string? error)
    {
        if (expression is null)
        {
            (result, error) = (null, "The cron expression is missing.");
            return false;
        }

        error = TryParseCore(expression, out result)?.Message;
        return error is null;
    }

    /// <summary>The expression in normal form: six fields separated by single spaces, names in upper case and
    /// <c>?</c> written as <c>*</c>. Parsing it gives an equivalent expression.</summary>
    public override string ToString() => _text;

    private static CronFormatException? TryParseCore(string expression, out CronExpression? result)
    {
        result = null;
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (SixFields or SixFields - 1))
        {
            return new CronFormatException(
                $"Invalid cron expression '{expression}': expected 6 fields ({{second}} {{minute}} {{hour}} {{day}} {{month}} "
                + $"{{day-of-week}}) or 5 without the seconds, found {parts.Length}.",
                field: null);
        }

        if (parts.Length < SixFields)
        {
            parts = ["0", .. parts];
        }

        var fields = new CronField[SixFields];
        for (var i = 0; i < SixFields; i++)
        {
            var error = CronFieldParser.TryParse(parts[i], Specs[i], out fields[i]);
            if (error is not null)
            {
                return new CronFormatException($"Invalid cron expression '{expression}': {error}", Specs[i].Name);
            }
        }

        result = new CronExpression(fields);
        return null;
    }
}
