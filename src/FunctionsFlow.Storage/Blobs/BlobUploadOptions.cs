namespace FunctionsFlow.Storage.Blobs;

/// <summary>How a blob is written: its content type, metadata and the conditions the write must meet.</summary>
public sealed record BlobUploadOptions
{
    /// <summary>The blob's content type; <c>application/octet-stream</c> when not set.</summary>
    public string? ContentType { get; init; }

    /// <summary>Name-value pairs stored with the blob (names must be valid C# identifiers, values ASCII).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>The conditions the write must meet.</summary>
    public BlobRequestConditions? Conditions { get; init; }
}
