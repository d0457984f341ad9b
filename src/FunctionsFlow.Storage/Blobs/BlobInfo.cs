using Azure;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>The version of a blob after a write.</summary>
/// <param name="ETag">The blob's new ETag, for a later <see cref="BlobRequestConditions.IfMatch"/>.</param>
/// <param name="LastModified">When the blob was written.</param>
public sealed record BlobInfo(ETag ETag, DateTimeOffset LastModified);
