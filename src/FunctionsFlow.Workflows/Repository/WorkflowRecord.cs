namespace FunctionsFlow.Workflows.Repository;

/// <summary>A workflow's head: its metadata and the hash of its draft, without the source.</summary>
/// <param name="Owner">The user who owns the workflow.</param>
/// <param name="Id">The workflow id, unique per owner.</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="State">Whether the draft differs from the latest published version.</param>
/// <param name="ContentType">The draft's content type (see <see cref="WorkflowContentTypes"/>).</param>
/// <param name="ContentHash">The SHA-256 of the draft's UTF-8, in lowercase hex.</param>
/// <param name="LatestVersion">The latest published version, or 0 when this workflow was never published.</param>
/// <param name="CreatedAt">When the workflow was created.</param>
/// <param name="UpdatedAt">When its draft was last saved or it was last published.</param>
/// <param name="ETag">The head's version, for <c>ifMatch</c> on the next save.</param>
public sealed record WorkflowRecord(
    string Owner,
    string Id,
    string Name,
    string? Description,
    WorkflowState State,
    string ContentType,
    string ContentHash,
    int LatestVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string ETag);
