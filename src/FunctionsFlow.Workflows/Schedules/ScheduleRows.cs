using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A schedule as a row of the schedules table: partition = owner, row = schedule id; the definition and the
/// progress are JSON columns, and the status and next run are columns of their own for listings and filters.</summary>
internal static class ScheduleRows
{
    /// <summary>The longest string column (the service's limit is 64 KiB of UTF-16).</summary>
    public const int MaxColumnChars = 32_000;

    public const string Status = nameof(Schedule.Status);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TableEntity ToEntity(Schedule schedule)
    {
        var definition = JsonSerializer.Serialize(schedule.Definition, Json);
        if (definition.Length > MaxColumnChars)
        {
            throw new ArgumentException($"A schedule's definition (with its input) is at most {MaxColumnChars} characters of JSON; this one has {definition.Length}.", nameof(schedule));
        }

        return new TableEntity(schedule.Owner, schedule.Id)
        {
            [nameof(ScheduleDefinition.WorkflowId)] = schedule.Definition.WorkflowId,
            [Status] = schedule.Status.ToString(),
            [nameof(ScheduleProgress.NextRunAt)] = schedule.Progress.NextRunAt,
            [nameof(Schedule.Generation)] = schedule.Generation,
            [nameof(Schedule.CreatedAt)] = schedule.CreatedAt,
            [nameof(Schedule.UpdatedAt)] = schedule.UpdatedAt,
            [nameof(Schedule.Definition)] = definition,
            [nameof(Schedule.Progress)] = JsonSerializer.Serialize(schedule.Progress, Json),
        };
    }

    public static Schedule FromEntity(TableEntity row) => new(
        row.PartitionKey,
        row.RowKey,
        JsonSerializer.Deserialize<ScheduleDefinition>(row.GetString(nameof(Schedule.Definition))!, Json)!,
        JsonSerializer.Deserialize<ScheduleProgress>(row.GetString(nameof(Schedule.Progress))!, Json)!,
        row.GetString(nameof(Schedule.Generation))!,
        row.GetDateTimeOffset(nameof(Schedule.CreatedAt))!.Value,
        row.GetDateTimeOffset(nameof(Schedule.UpdatedAt))!.Value,
        row.ETag.ToString());
}
