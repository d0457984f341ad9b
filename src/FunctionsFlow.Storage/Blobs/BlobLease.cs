using Azure;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>A lease held on a blob.</summary>
/// <param name="LeaseId">The lease's id: pass it as <see cref="BlobRequestConditions.LeaseId"/> to write, renew or release.</param>
/// <param name="ETag">The blob's ETag when the lease was taken or changed.</param>
public sealed record BlobLease(string LeaseId, ETag ETag);
