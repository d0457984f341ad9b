using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Reads the JSON body of <c>POST /api/schedules</c>, reporting every problem with its JSON path.</summary>
/// <remarks>Times must carry an offset (<c>Z</c> or <c>+02:00</c>) and are kept as UTC, rounded up to a whole second
/// (schedules fire on whole seconds). Unknown members are errors, so a misspelt policy is not silently defaulted.</remarks>
public sealed partial class ScheduleRequestReader
{
    private const int MaxExpressionLength = 256;
    private const string TimeRule = "Must be an ISO 8601 date and time with an offset, such as \"2026-03-01T09:00:00Z\".";
    private static readonly string[] Kinds = ["once", "interval", "cron"];
    private static readonly string[] Members = ["id", "workflowId", "input", .. Kinds, "overlap", "catchUp", "catchUpWindow", "paused"];

    private readonly List<SchemaError> _errors = [];
    private readonly DateTimeOffset _now;
    private readonly ScheduleOptions _options;

    private ScheduleRequestReader(DateTimeOffset now, ScheduleOptions options) => (_now, _options) = (now, options);

    /// <summary>The request in <paramref name="body"/>, or every reason it is not one.</summary>
    public static (ScheduleRequest? Request, IReadOnlyList<SchemaError> Errors) Read(JsonElement body, DateTimeOffset now, ScheduleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, [new SchemaError("$", "The body must be a JSON object {workflowId, input, once|interval|cron, overlap, catchUp}.")]);
        }

        var reader = new ScheduleRequestReader(now, options);
        var request = reader.ReadRequest(body);
        return reader._errors.Count == 0 ? (request, []) : (null, reader._errors);
    }

    private ScheduleRequest ReadRequest(JsonElement body)
    {
        foreach (var member in body.EnumerateObject().Where(m => !Members.Contains(m.Name, StringComparer.Ordinal)))
        {
            Error(member.Name, $"Unknown member '{member.Name}'; a schedule has {string.Join(", ", Members)}.");
        }

        var window = Member(body, "catchUpWindow") is { } value ? Duration(value, "catchUpWindow", TimeSpan.FromSeconds(1), _options.MaxCatchUpWindow) : null;
        return new ScheduleRequest(Text(body, string.Empty, "workflowId", WorkflowIds.Rule, WorkflowIds.IsValid) ?? string.Empty, ReadTrigger(body))
        {
            Id = Text(body, string.Empty, "id", ScheduleIds.Rule, ScheduleIds.IsValid, required: false),
            Input = ReadInput(body),
            Overlap = Policy(body, "overlap", OverlapPolicy.Skip),
            CatchUp = Policy(body, "catchUp", CatchUpPolicy.Latest),
            CatchUpWindow = window,
            Paused = Flag(body, "paused"),
        };
    }

    private JsonElement? ReadInput(JsonElement body) => Member(body, "input") is not { } input ? null
        : System.Text.Encoding.UTF8.GetByteCount(input.GetRawText()) > _options.MaxInputBytes ? Error<JsonElement?>("input", $"The input is at most {_options.MaxInputBytes} bytes of JSON.")
        : input.Clone();

    private ScheduleTrigger ReadTrigger(JsonElement body)
    {
        var given = Kinds.Where(kind => Member(body, kind) is not null).ToList();
        if (given.Count != 1)
        {
            return Error<ScheduleTrigger>(given.Count == 0 ? string.Empty : given[1], "Give exactly one of once {at}, interval {every, startAt} and cron {expression, timeZone}.");
        }

        var kind = given[0];
        var spec = Member(body, kind)!.Value;
        if (spec.ValueKind != JsonValueKind.Object)
        {
            return Error<ScheduleTrigger>(kind, "Must be an object.");
        }

        return kind switch
        {
            "once" => new ScheduleTrigger(Once: ReadOnce(spec)),
            "interval" => new ScheduleTrigger(Interval: ReadInterval(spec)),
            _ => new ScheduleTrigger(Cron: ReadCron(spec)),
        };
    }

    private OnceTrigger? ReadOnce(JsonElement spec) => Time(spec, "once.", "at", required: true) is not { } at ? null
        : at <= _now ? Error<OnceTrigger?>("once.at", $"Must be in the future (it is now {_now.UtcDateTime:O}).")
        : new OnceTrigger(at);

    private IntervalTrigger? ReadInterval(JsonElement spec)
    {
        var startAt = Time(spec, "interval.", "startAt", required: false);
        if (Member(spec, "every") is not { } value)
        {
            return Error<IntervalTrigger?>("interval.every", "every is required. " + JsonDuration.Rule);
        }

        return Duration(value, "interval.every", _options.MinInterval, TimeSpan.FromDays(3650)) is not { } every ? null
            : every.Ticks % TimeSpan.TicksPerSecond != 0 ? Error<IntervalTrigger?>("interval.every", "Must be a whole number of seconds.")
            : new IntervalTrigger(every, startAt);
    }

    private CronTrigger? ReadCron(JsonElement spec)
    {
        var expression = Text(spec, "cron.", "expression", $"A cron expression of at most {MaxExpressionLength} characters.", text => text.Length <= MaxExpressionLength);
        var zoneId = Text(spec, "cron.", "timeZone", "A time-zone id such as \"Europe/Berlin\" or \"UTC\".", _ => true, required: false) ?? "UTC";
        TimeZoneInfo? zone = null;
        try
        {
            zone = TimeZoneResolver.Resolve(zoneId);
        }
        catch (ArgumentException ex)
        {
            Error("cron.timeZone", ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal));
        }

        if (expression is null)
        {
            return null;
        }

        if (!CronExpression.TryParse(expression, out var cron, out var problem))
        {
            return Error<CronTrigger?>("cron.expression", problem);
        }

        return zone is not null && cron.GetNextOccurrence(_now, zone) is null
            ? Error<CronTrigger?>("cron.expression", $"'{expression}' never matches within {CronExpression.LookaheadYears} years.")
            : new CronTrigger(expression, zoneId);
    }

    private T Policy<T>(JsonElement body, string name, T fallback)
        where T : struct, Enum
    {
        if (Member(body, name) is not { } value)
        {
            return fallback;
        }

        // Names only: Enum.TryParse would take "1" too.
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && char.IsAsciiLetter(text[0]) &&
            Enum.TryParse<T>(text, ignoreCase: true, out var parsed)
            ? parsed
            : Error<T>(name, $"Must be one of {string.Join(", ", Enum.GetNames<T>())}.");
    }

    private bool Flag(JsonElement body, string name) => Member(body, name) switch
    {
        null => false,
        { ValueKind: JsonValueKind.True or JsonValueKind.False } value => value.GetBoolean(),
        _ => Error<bool>(name, "Must be true or false."),
    };

    private TimeSpan? Duration(JsonElement value, string path, TimeSpan min, TimeSpan max)
    {
        if (!JsonDuration.TryRead(value, out var duration))
        {
            return Error<TimeSpan?>(path, JsonDuration.Rule);
        }

        return duration < min || duration > max
            ? Error<TimeSpan?>(path, string.Create(CultureInfo.InvariantCulture, $"Must be between {min.TotalSeconds} seconds and {max.TotalDays} days."))
            : duration;
    }

    /// <summary>A time with an explicit offset, as UTC rounded up to a whole second.</summary>
    private DateTimeOffset? Time(JsonElement spec, string prefix, string name, bool required)
    {
        if (Member(spec, name) is not { } value)
        {
            return required ? Error<DateTimeOffset?>(prefix + name, $"{name} is required. {TimeRule}") : null;
        }

        if (value.ValueKind != JsonValueKind.String || !ExplicitOffset().IsMatch(value.GetString()!) || !value.TryGetDateTimeOffset(out var time))
        {
            return Error<DateTimeOffset?>(prefix + name, TimeRule);
        }

        return ScheduleCalendar.CeilingToSecond(time);
    }

    private string? Text(JsonElement spec, string prefix, string name, string rule, Func<string, bool> valid, bool required = true)
    {
        if (Member(spec, name) is not { } value)
        {
            return required ? Error<string?>(prefix + name, $"{name} is required. {rule}") : null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text && valid(text)
            ? text
            : Error<string?>(prefix + name, rule);
    }

    private static JsonElement? Member(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private T Error<T>(string path, string message)
    {
        _errors.Add(new SchemaError(path.Length == 0 ? "$" : "$." + path, message));
        return default!;
    }

    private void Error(string path, string message) => Error<object?>(path, message);

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex ExplicitOffset();
}
