using System.Text.Json;
using System.Text.Json.Serialization;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>A schedule as a row of the schedules table: partition = owner, row = schedule id; the definition and the
/// progress are JSON columns, and the status and next run are columns of their own for listings and filters. The
/// definition holds the input, so it goes through the task hub's codec (encrypted, bound to the schedule, when the
/// codec encrypts).</summary>
internal static class ScheduleRows
{
    /// <summary>The codec purpose of a stored definition.</summary>
    public const string DefinitionPurpose = "schedule-definition";

    /// <summary>The longest string column (the service's limit is 64 KiB of UTF-16).</summary>
    public const int MaxColumnChars = 32_000;

    public const string Status = nameof(Schedule.Status);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static TableEntity ToEntity(Schedule schedule, StateCodec? codec)
    {
        var definition = JsonSerializer.Serialize(schedule.Definition, Json);
        definition = codec?.ProtectText(definition, Context(schedule.Owner, schedule.Id)) ?? definition;
        if (definition.Length > MaxColumnChars)
        {
            throw new ArgumentException($"A schedule's definition (with its input) is stored in at most {MaxColumnChars} characters; this one needs {definition.Length}.", nameof(schedule));
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

    public static Schedule FromEntity(TableEntity row, StateCodec? codec) => new(
        row.PartitionKey,
        row.RowKey,
        JsonSerializer.Deserialize<ScheduleDefinition>(Unprotect(row.GetString(nameof(Schedule.Definition))!, row, codec), Json)!,
        JsonSerializer.Deserialize<ScheduleProgress>(row.GetString(nameof(Schedule.Progress))!, Json)!,
        row.GetString(nameof(Schedule.Generation))!,
        row.GetDateTimeOffset(nameof(Schedule.CreatedAt))!.Value,
        row.GetDateTimeOffset(nameof(Schedule.UpdatedAt))!.Value,
        row.ETag.ToString());

    private static string Unprotect(string stored, TableEntity row, StateCodec? codec) =>
        codec?.UnprotectText(stored, Context(row.PartitionKey, row.RowKey)) ?? stored;

    private static CodecContext Context(string owner, string id) => new(ScheduleIds.DriverInstanceId(owner, id), DefinitionPurpose);
}
