using System.Text.Json.Serialization;
using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Runs once, at <see cref="At"/>.</summary>
/// <param name="At">When (a whole second).</param>
public sealed record OnceTrigger(DateTimeOffset At);

/// <summary>Runs every <see cref="Every"/>: first at <see cref="StartAt"/> when given (later times keep its phase), or
/// one interval after the schedule was created (from the whole second at or after its creation).</summary>
/// <param name="Every">The interval, in whole seconds.</param>
/// <param name="StartAt">The first run, or the phase of the runs when it is in the past.</param>
public sealed record IntervalTrigger([property: JsonConverter(typeof(DurationJsonConverter))] TimeSpan Every, DateTimeOffset? StartAt = null);

/// <summary>Runs at the times of a cron expression (see <see cref="CronExpression"/>) in the local time of a zone.</summary>
/// <param name="Expression">Six fields with seconds (the Azure Functions format), or five without.</param>
/// <param name="TimeZone">An IANA or Windows time-zone id, or <c>UTC</c>.</param>
public sealed record CronTrigger(string Expression, string TimeZone = "UTC");

/// <summary>When a schedule runs: exactly one of <see cref="Once"/>, <see cref="Interval"/> and <see cref="Cron"/>.</summary>
public sealed record ScheduleTrigger(OnceTrigger? Once = null, IntervalTrigger? Interval = null, CronTrigger? Cron = null);
