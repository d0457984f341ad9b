using Azure;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>A blob as a listing shows it.</summary>
/// <param name="Name">The blob's name within its container.</param>
/// <param name="ContentLength">The blob's size in bytes.</param>
/// <param name="ETag">The blob's current ETag.</param>
/// <param name="LastModified">When the blob was last written.</param>
/// <param name="ContentType">The blob's content type.</param>
public sealed record BlobItem(string Name, long ContentLength, ETag ETag, DateTimeOffset LastModified, string? ContentType);
