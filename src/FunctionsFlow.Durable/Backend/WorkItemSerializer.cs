using System.Text.Json;

namespace FunctionsFlow.Durable.Backend;

/// <summary>The JSON form of work items and history events on queues and in storage.</summary>
public static class WorkItemSerializer
{
    /// <summary>The options every backend uses, so all of them read what the others write (read-only).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Serializes a work item.</summary>
    public static string Serialize(WorkItem item) => JsonSerializer.Serialize(item, Options);

    /// <summary>Reads a work item.</summary>
    public static WorkItem Deserialize(string json) =>
        JsonSerializer.Deserialize<WorkItem>(json, Options) ?? throw new JsonException("A work item was null.");
}
