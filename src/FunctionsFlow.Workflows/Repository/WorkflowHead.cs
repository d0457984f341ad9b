using Azure;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>The head row of a workflow: metadata, the blob of its draft, and where its published versions stand.</summary>
/// <param name="Owner">The owner (the partition key).</param>
/// <param name="WorkflowId">The workflow id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">The description.</param>
/// <param name="ContentType">The draft's content type.</param>
/// <param name="DraftHash">The draft's hash.</param>
/// <param name="DraftBlob">The blob that holds the draft.</param>
/// <param name="LatestVersion">The latest version published under this head, or 0.</param>
/// <param name="LatestHash">That version's hash, or null.</param>
/// <param name="VersionBase">The highest version number that existed when this head was created (versions of a deleted
/// workflow of the same id); this head numbers its versions from the next one.</param>
/// <param name="CreatedAt">When the head was created.</param>
/// <param name="UpdatedAt">When it was last changed.</param>
/// <param name="WriteId">A fresh id per write, to tell whether a write whose answer was lost was applied.</param>
internal sealed record WorkflowHead(
    string Owner,
    string WorkflowId,
    string Name,
    string? Description,
    string ContentType,
    string DraftHash,
    string DraftBlob,
    int LatestVersion,
    string? LatestHash,
    int VersionBase,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string WriteId)
{
    /// <summary>The row's ETag as read or written.</summary>
    public ETag ETag { get; init; }

    /// <summary>Published exactly when the draft is the latest version.</summary>
    public WorkflowState State => LatestVersion > 0 && LatestHash == DraftHash ? WorkflowState.Published : WorkflowState.Draft;

    /// <summary>The number the next publish takes.</summary>
    public int NextVersion => Math.Max(LatestVersion, VersionBase) + 1;

    /// <summary>The table row.</summary>
    public TableEntity ToEntity() => new(Owner, WorkflowRows.HeadKey(WorkflowId))
    {
        [nameof(WorkflowId)] = WorkflowId,
        [nameof(Name)] = Name,
        [nameof(Description)] = Description,
        [nameof(State)] = State.ToString(),
        [nameof(ContentType)] = ContentType,
        [nameof(DraftHash)] = DraftHash,
        [nameof(DraftBlob)] = DraftBlob,
        [nameof(LatestVersion)] = LatestVersion,
        [nameof(LatestHash)] = LatestHash,
        [nameof(VersionBase)] = VersionBase,
        [nameof(CreatedAt)] = CreatedAt,
        [nameof(UpdatedAt)] = UpdatedAt,
        [nameof(WriteId)] = WriteId,
    };

    /// <summary>Reads a head row.</summary>
    public static WorkflowHead FromEntity(TableEntity entity) => new(
        entity.PartitionKey,
        entity.GetString(nameof(WorkflowId))!,
        entity.GetString(nameof(Name))!,
        entity.GetString(nameof(Description)),
        entity.GetString(nameof(ContentType))!,
        entity.GetString(nameof(DraftHash))!,
        entity.GetString(nameof(DraftBlob))!,
        entity.GetInt32(nameof(LatestVersion)) ?? 0,
        entity.GetString(nameof(LatestHash)),
        entity.GetInt32(nameof(VersionBase)) ?? 0,
        entity.GetDateTimeOffset(nameof(CreatedAt))!.Value,
        entity.GetDateTimeOffset(nameof(UpdatedAt))!.Value,
        entity.GetString(nameof(WriteId))!)
    {
        ETag = entity.ETag,
    };

    /// <summary>The public view of the head.</summary>
    public WorkflowRecord ToRecord() => new(
        Owner, WorkflowId, Name, Description, State, ContentType, DraftHash, LatestVersion, CreatedAt, UpdatedAt, ETag.ToString());
}
