namespace FunctionsFlow.Workflows.Repository;

/// <summary>One published version of a workflow, as listed with it.</summary>
/// <param name="Number">The version number, from 1.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="ContentHash">The SHA-256 of its source's UTF-8, in lowercase hex.</param>
public sealed record PublishedVersion(int Number, DateTimeOffset PublishedAt, string ContentHash);
