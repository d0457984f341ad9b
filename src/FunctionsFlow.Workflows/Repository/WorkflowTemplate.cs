namespace FunctionsFlow.Workflows.Repository;

/// <summary>A template's metadata, without its source.</summary>
/// <param name="Id">The template id.</param>
/// <param name="Owner">The user who saved it.</param>
/// <param name="Name">The display name.</param>
/// <param name="Category">The category, if any.</param>
/// <param name="Description">The description, if any.</param>
/// <param name="IsPublic">True when every user sees it; false when only its owner does.</param>
/// <param name="Tags">The tags.</param>
/// <param name="ContentType">The source's content type.</param>
/// <param name="ContentHash">The SHA-256 of the source's UTF-8, in lowercase hex.</param>
/// <param name="UsageCount">How many times a workflow was made from it.</param>
/// <param name="CreatedAt">When it was saved.</param>
public sealed record WorkflowTemplate(
    string Id,
    string Owner,
    string Name,
    string? Category,
    string? Description,
    bool IsPublic,
    IReadOnlyList<string> Tags,
    string ContentType,
    string ContentHash,
    int UsageCount,
    DateTimeOffset CreatedAt);
