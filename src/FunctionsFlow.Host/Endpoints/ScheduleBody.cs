using System.Text;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Reads the body of <c>POST /api/schedules</c> into a <see cref="ScheduleRequest"/>, recording every bad
/// field by its JSON path.</summary>
/// <remarks>Times must carry an offset and are kept in UTC, rounded up to a whole second (schedules fire on whole
/// seconds). Unknown fields are errors, so a misspelt policy is never silently defaulted.</remarks>
internal static class ScheduleBody
{
    private const int MaxExpressionLength = 256;
    private const string OneKind = "Give exactly one of once {at}, interval {every, startAt} and cron {expression, timeZone}.";
    private static readonly TimeSpan MaxInterval = TimeSpan.FromDays(3650);
    private static readonly string[] Kinds = ["once", "interval", "cron"];

    /// <summary>The request, or null when <paramref name="fields"/> recorded a problem.</summary>
    public static ScheduleRequest? Read(JsonFields fields, DateTimeOffset now, ScheduleOptions options)
    {
        fields.AllowOnly(["id", "workflowId", "input", .. Kinds, "overlap", "catchUp", "catchUpWindow", "paused"]);
        var workflowId = fields.String("workflowId", required: true, check: id => WorkflowIds.IsValid(id) ? null : WorkflowIds.Rule);
        var request = new ScheduleRequest(workflowId ?? string.Empty, ReadTrigger(fields, now, options))
        {
            Id = fields.String("id", check: id => ScheduleIds.IsValid(id) ? null : ScheduleIds.Rule),
            Input = fields.Json("input", input => Encoding.UTF8.GetByteCount(input.GetRawText()) > options.MaxInputBytes
                ? $"input is at most {options.MaxInputBytes} bytes of JSON."
                : null),
            Overlap = fields.Enum<OverlapPolicy>("overlap") ?? OverlapPolicy.Skip,
            CatchUp = fields.Enum<CatchUpPolicy>("catchUp") ?? CatchUpPolicy.Latest,
            CatchUpWindow = fields.Duration("catchUpWindow", TimeSpan.FromSeconds(1), options.MaxCatchUpWindow),
            Paused = fields.Boolean("paused") ?? false,
        };
        return fields.IsValid ? request : null;
    }

    private static ScheduleTrigger ReadTrigger(JsonFields fields, DateTimeOffset now, ScheduleOptions options)
    {
        var given = Kinds.Where(fields.Has).ToList();
        if (given.Count != 1)
        {
            if (given.Count == 0)
            {
                fields.AddObjectError(OneKind);
            }
            else
            {
                fields.AddError(given[1], OneKind);
            }

            return new ScheduleTrigger();
        }

        return given[0] switch
        {
            "once" => new ScheduleTrigger(Once: fields.Object("once") is { } once ? ReadOnce(once, now) : null),
            "interval" => new ScheduleTrigger(Interval: fields.Object("interval") is { } interval ? ReadInterval(interval, options) : null),
            _ => new ScheduleTrigger(Cron: fields.Object("cron") is { } cron ? ReadCron(cron, now) : null),
        };
    }

    private static OnceTrigger? ReadOnce(JsonFields once, DateTimeOffset now)
    {
        once.AllowOnly("at");
        var at = once.Time("at", t => t > now ? null : $"at must be in the future (it is now {now.UtcDateTime:O}).", required: true);
        return at is { } time ? new OnceTrigger(ScheduleCalendar.CeilingToSecond(time)) : null;
    }

    private static IntervalTrigger? ReadInterval(JsonFields interval, ScheduleOptions options)
    {
        interval.AllowOnly("every", "startAt");
        var startAt = interval.Time("startAt");
        var every = interval.Duration("every", options.MinInterval, MaxInterval, required: true);
        if (every is { Ticks: var ticks } && ticks % TimeSpan.TicksPerSecond != 0)
        {
            interval.AddError("every", "every must be a whole number of seconds.");
        }

        return every is { } value ? new IntervalTrigger(value, startAt is { } start ? ScheduleCalendar.CeilingToSecond(start) : null) : null;
    }

    private static CronTrigger? ReadCron(JsonFields cron, DateTimeOffset now)
    {
        cron.AllowOnly("expression", "timeZone");
        TimeZoneInfo? zone = null;
        var zoneId = cron.String("timeZone", check: id => TryResolve(id, out zone)) ?? "UTC";
        zone ??= TimeZoneInfo.Utc;
        CronExpression? parsed = null;
        var expression = cron.String("expression", required: true, check: text =>
            text.Length > MaxExpressionLength ? $"expression is at most {MaxExpressionLength} characters."
            : !CronExpression.TryParse(text, out parsed, out var problem) ? problem
            : parsed.GetNextOccurrence(now, zone) is null ? $"'{text}' never matches within {CronExpression.LookaheadYears} years."
            : null);
        return expression is null ? null : new CronTrigger(expression, zoneId);
    }

    /// <summary>Null when <paramref name="id"/> names a time zone (set in <paramref name="zone"/>), else why not.</summary>
    private static string? TryResolve(string id, out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneResolver.Resolve(id);
            return null;
        }
        catch (ArgumentException ex)
        {
            zone = null;
            return ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
        }
    }
}
