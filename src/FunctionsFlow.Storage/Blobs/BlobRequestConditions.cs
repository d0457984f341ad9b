using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>Conditions a blob write, read or delete must meet; a failed condition answers 412 (409 for a
/// create-only write that finds the blob).</summary>
public sealed record BlobRequestConditions
{
    /// <summary>Conditions for a write that only creates: it fails with 409 <c>BlobAlreadyExists</c> if the blob is there.</summary>
    public static BlobRequestConditions CreateOnly { get; } = new() { IfNoneMatch = ETag.All };

    /// <summary>Act only if the blob's ETag is this one (optimistic concurrency).</summary>
    public ETag? IfMatch { get; init; }

    /// <summary>Act only if the blob's ETag is not this one; <see cref="ETag.All"/> means "only if the blob does not exist".</summary>
    public ETag? IfNoneMatch { get; init; }

    /// <summary>The lease a leased blob requires for writes and deletes.</summary>
    public string? LeaseId { get; init; }

    internal void ApplyTo(Request request)
    {
        if (IfMatch is { } ifMatch)
        {
            request.Headers.SetValue("If-Match", StorageWire.FormatETag(ifMatch));
        }

        if (IfNoneMatch is { } ifNoneMatch)
        {
            request.Headers.SetValue("If-None-Match", StorageWire.FormatETag(ifNoneMatch));
        }

        if (LeaseId is not null)
        {
            request.Headers.SetValue("x-ms-lease-id", LeaseId);
        }
    }
}
