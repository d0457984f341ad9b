using System.Text.Json;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>The rows of the templates table: one partition per template (its id) holding one row.</summary>
/// <remarks>Ids are 32 lowercase hex digits, safe as keys. Listings filter on <c>IsPublic</c> or <c>Owner</c> across
/// partitions, and on <c>CategoryKey</c> (the category in lowercase, so categories match without case).</remarks>
internal static class TemplateRows
{
    /// <summary>The row key of a template's only row.</summary>
    public const string RowKey = "template";

    /// <summary>True when <paramref name="templateId"/> has the shape of the ids this repository makes.</summary>
    public static bool IsWellFormedId(string? templateId) =>
        templateId is { Length: 32 } && templateId.All(char.IsAsciiHexDigitLower);

    /// <summary>A new template id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A listing's filter.</summary>
    public static string Filter(string caller, TemplateScope scope, string? category)
    {
        var visible = scope == TemplateScope.Public ? TableFilter.Equal("IsPublic", true) : TableFilter.Equal("Owner", caller);
        return category is null ? visible : TableFilter.And(visible, TableFilter.Equal("CategoryKey", category.ToLowerInvariant()));
    }

    /// <summary>A new template's row.</summary>
    public static TableEntity ToEntity(WorkflowTemplate template, string sourceBlob) => new(template.Id, RowKey)
    {
        ["Owner"] = template.Owner,
        ["Name"] = template.Name,
        ["Category"] = template.Category,
        ["CategoryKey"] = template.Category?.ToLowerInvariant(),
        ["Description"] = template.Description,
        ["IsPublic"] = template.IsPublic,
        ["Tags"] = JsonSerializer.Serialize(template.Tags),
        ["ContentType"] = template.ContentType,
        ["ContentHash"] = template.ContentHash,
        ["UsageCount"] = template.UsageCount,
        ["CreatedAt"] = template.CreatedAt,
        ["SourceBlob"] = sourceBlob,
    };

    /// <summary>Reads a template's row.</summary>
    public static WorkflowTemplate FromEntity(TableEntity row) => new(
        row.PartitionKey,
        row.GetString("Owner")!,
        row.GetString("Name")!,
        row.GetString("Category"),
        row.GetString("Description"),
        row.GetBoolean("IsPublic") ?? false,
        JsonSerializer.Deserialize<string[]>(row.GetString("Tags") ?? "[]") ?? [],
        row.GetString("ContentType")!,
        row.GetString("ContentHash")!,
        row.GetInt32("UsageCount") ?? 0,
        row.GetDateTimeOffset("CreatedAt")!.Value);

    /// <summary>True when <paramref name="caller"/> may see the template: it is public, or the caller owns it.</summary>
    public static bool IsVisibleTo(this WorkflowTemplate template, string caller) => template.IsPublic || template.Owner == caller;
}
