namespace FunctionsFlow.Workflows.Repository;

/// <summary>An immutable published version: what an execution pinned to it runs.</summary>
/// <param name="Owner">The user who owns the workflow.</param>
/// <param name="WorkflowId">The workflow id.</param>
/// <param name="Number">The version number, from 1.</param>
/// <param name="Name">The workflow's name when it was published.</param>
/// <param name="Source">The source text.</param>
/// <param name="ContentType">The source's content type.</param>
/// <param name="ContentHash">The SHA-256 of the source's UTF-8, in lowercase hex.</param>
/// <param name="PublishedAt">When it was published.</param>
public sealed record WorkflowVersion(
    string Owner,
    string WorkflowId,
    int Number,
    string Name,
    string Source,
    string ContentType,
    string ContentHash,
    DateTimeOffset PublishedAt);
