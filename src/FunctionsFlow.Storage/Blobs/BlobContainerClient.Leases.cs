using System.Globalization;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>Blob leases: an exclusive write and delete lock that expires unless renewed.</summary>
public sealed partial class BlobContainerClient
{
    private static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MaxLeaseDuration = TimeSpan.FromSeconds(60);

    /// <summary>Takes a lease on a blob; while it is held, writes and deletes need its id.</summary>
    /// <param name="blobName">The blob, which must exist.</param>
    /// <param name="duration">15 to 60 whole seconds, or <see cref="Timeout.InfiniteTimeSpan"/> for a lease that never expires.</param>
    /// <param name="proposedLeaseId">The lease id to use (a GUID string); the service picks one when null.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="StorageException">409 <c>LeaseAlreadyPresent</c> when another lease is held.</exception>
    public Task<BlobLease> AcquireLeaseAsync(
        string blobName, TimeSpan duration, string? proposedLeaseId = null, CancellationToken cancellationToken = default)
    {
        var seconds = duration == Timeout.InfiniteTimeSpan ? "-1" : StorageWire.WholeSeconds(duration, MinLeaseDuration, MaxLeaseDuration);
        var message = CreateLeaseMessage(blobName, "acquire", leaseId: null);
        message.Request.Headers.SetValue("x-ms-lease-duration", seconds);
        if (proposedLeaseId is not null)
        {
            message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        }

        return _pipeline.SendAndReadAsync(message, ReadLease, cancellationToken, 201);
    }

    /// <summary>Renews a held lease for its original duration.</summary>
    public Task<BlobLease> RenewLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        return _pipeline.SendAndReadAsync(CreateLeaseMessage(blobName, "renew", leaseId), ReadLease, cancellationToken, 200);
    }

    /// <summary>Releases a held lease so another client can take one at once.</summary>
    public Task<BlobInfo> ReleaseLeaseAsync(string blobName, string leaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        return _pipeline.SendAndReadAsync(CreateLeaseMessage(blobName, "release", leaseId), ReadInfo, cancellationToken, 200);
    }

    /// <summary>Gives another lease id to a held lease.</summary>
    public Task<BlobLease> ChangeLeaseAsync(
        string blobName, string leaseId, string proposedLeaseId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        ArgumentException.ThrowIfNullOrEmpty(proposedLeaseId);
        var message = CreateLeaseMessage(blobName, "change", leaseId);
        message.Request.Headers.SetValue("x-ms-proposed-lease-id", proposedLeaseId);
        return _pipeline.SendAndReadAsync(message, ReadLease, cancellationToken, 200);
    }

    /// <summary>Breaks the blob's lease without knowing its id (for recovering from a holder that is gone).</summary>
    /// <param name="blobName">The leased blob.</param>
    /// <param name="breakPeriod">0 to 60 whole seconds before the lease ends; when null a fixed-duration lease runs
    /// out its time and an infinite one breaks at once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How long until the lease is broken and a new one can be taken.</returns>
    public Task<TimeSpan> BreakLeaseAsync(string blobName, TimeSpan? breakPeriod = null, CancellationToken cancellationToken = default)
    {
        var seconds = breakPeriod is { } period ? StorageWire.WholeSeconds(period, TimeSpan.Zero, MaxLeaseDuration, nameof(breakPeriod)) : null;
        var message = CreateLeaseMessage(blobName, "break", leaseId: null);
        if (seconds is not null)
        {
            message.Request.Headers.SetValue("x-ms-lease-break-period", seconds);
        }

        return _pipeline.SendAndReadAsync(
            message,
            r => TimeSpan.FromSeconds(int.Parse(r.RequiredHeader("x-ms-lease-time"), CultureInfo.InvariantCulture)),
            cancellationToken,
            202);
    }

    private HttpMessage CreateLeaseMessage(string blobName, string action, string? leaseId)
    {
        var message = CreateBlobMessage(RequestMethod.Put, blobName, leaseId is null ? null : new BlobRequestConditions { LeaseId = leaseId });
        message.Request.Uri.AppendQuery("comp", "lease");
        message.Request.Headers.SetValue("x-ms-lease-action", action);
        return message;
    }

    private static BlobLease ReadLease(Response response) =>
        new(response.RequiredHeader("x-ms-lease-id"), response.ETagHeader());
}
