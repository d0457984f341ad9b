using System.Globalization;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>The row keys of the workflows table. A partition per owner holds a head row per workflow
/// (<c>w:{workflowId}</c>) and a row per published version (<c>v:{workflowId}:{version, ten digits}</c>).</summary>
/// <remarks>Owner and workflow ids are restricted to characters table keys allow (<see cref="OwnerIds"/>,
/// <see cref="WorkflowIds"/>), so keys hold them as they are; neither may hold ':', so the prefixes cannot be confused.
/// Ten digits sort versions by number.</remarks>
internal static class WorkflowRows
{
    private const string HeadPrefix = "w:";
    private const string VersionPrefix = "v:";

    /// <summary>The head row's key.</summary>
    public static string HeadKey(string workflowId) => HeadPrefix + workflowId;

    /// <summary>A filter for every head row of an owner.</summary>
    public static string HeadsOf(string owner) =>
        TableFilter.And(TableFilter.PartitionKeyEquals(owner), TableFilter.RowKeyStartsWith(HeadPrefix));

    /// <summary>A version row's key.</summary>
    public static string VersionKey(string workflowId, int version) =>
        VersionPrefix + workflowId + ":" + version.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>A filter for the version rows of a workflow numbered <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static string VersionsOf(string owner, string workflowId, int from, int to) => TableFilter.And(
        TableFilter.PartitionKeyEquals(owner),
        TableFilter.Compare("RowKey", TableComparison.GreaterThanOrEqual, VersionKey(workflowId, from)),
        TableFilter.Compare("RowKey", TableComparison.LessThanOrEqual, VersionKey(workflowId, to)));

    /// <summary>A new version row.</summary>
    public static TableEntity VersionRow(WorkflowHead head, int version, string sourceBlob, DateTimeOffset publishedAt) =>
        new(head.Owner, VersionKey(head.WorkflowId, version))
        {
            ["WorkflowId"] = head.WorkflowId,
            ["Version"] = version,
            ["Name"] = head.Name,
            ["ContentType"] = head.ContentType,
            ["ContentHash"] = head.DraftHash,
            ["SourceBlob"] = sourceBlob,
            ["PublishedAt"] = publishedAt,
        };

    /// <summary>A version row as listed with its workflow.</summary>
    public static PublishedVersion ToPublishedVersion(TableEntity row) =>
        new(row.GetInt32("Version")!.Value, row.GetDateTimeOffset("PublishedAt")!.Value, row.GetString("ContentHash")!);

    /// <summary>The properties <see cref="ToPublishedVersion"/> reads.</summary>
    public static IReadOnlyList<string> PublishedVersionProperties { get; } = ["Version", "PublishedAt", "ContentHash"];

    /// <summary>A version row with its source.</summary>
    public static WorkflowVersion ToVersion(TableEntity row, string source) => new(
        row.PartitionKey,
        row.GetString("WorkflowId")!,
        row.GetInt32("Version")!.Value,
        row.GetString("Name")!,
        source,
        row.GetString("ContentType")!,
        row.GetString("ContentHash")!,
        row.GetDateTimeOffset("PublishedAt")!.Value);
}
