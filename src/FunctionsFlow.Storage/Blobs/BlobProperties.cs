using Azure;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>A blob's system properties and metadata.</summary>
/// <param name="ETag">The blob's current ETag.</param>
/// <param name="LastModified">When the blob was last written.</param>
/// <param name="ContentLength">The blob's size in bytes.</param>
/// <param name="ContentType">The blob's content type.</param>
/// <param name="Metadata">The blob's metadata (names compare case-insensitively).</param>
public sealed record BlobProperties(
    ETag ETag,
    DateTimeOffset LastModified,
    long ContentLength,
    string? ContentType,
    IReadOnlyDictionary<string, string> Metadata);
