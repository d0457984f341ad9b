using System.Globalization;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using FunctionsFlow.Storage.Pipeline;

namespace FunctionsFlow.Storage.Blobs;

/// <summary>Listing the blobs of a container, a page at a time or as one sequence.</summary>
public sealed partial class BlobContainerClient
{
    /// <summary>Lists one page of blobs, in name order.</summary>
    /// <param name="prefix">Only blobs whose names start with this.</param>
    /// <param name="maxResults">At most this many blobs (1 to 5,000); the service's default is 5,000.</param>
    /// <param name="continuationToken">The previous page's <see cref="BlobListPage.ContinuationToken"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public Task<BlobListPage> ListBlobsAsync(
        string? prefix = null, int? maxResults = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        if (maxResults is { } max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(maxResults));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(max, 5000, nameof(maxResults));
        }

        var message = _pipeline.CreateMessage(RequestMethod.Get, Uri);
        message.Request.Uri.AppendQuery("restype", "container");
        message.Request.Uri.AppendQuery("comp", "list");
        ServiceListing.AppendListingQuery(message.Request.Uri, prefix, continuationToken, maxResults);
        return _pipeline.SendAndReadAsync(message, ReadBlobListPage, cancellationToken, 200);
    }

    /// <summary>Lists every blob whose name starts with <paramref name="prefix"/>, fetching pages as the caller reads.</summary>
    public IAsyncEnumerable<BlobItem> GetBlobsAsync(string? prefix = null, CancellationToken cancellationToken = default) =>
        GetBlobsAsync(prefix, pageSize: null, cancellationToken);

    /// <summary>As the public overload, with pages of a chosen size (so tests can see the markers followed).</summary>
    internal IAsyncEnumerable<BlobItem> GetBlobsAsync(string? prefix, int? pageSize, CancellationToken cancellationToken) =>
        MarkerPaging.EnumerateAsync(
            async (marker, ct) =>
            {
                var page = await ListBlobsAsync(prefix, pageSize, marker, ct).ConfigureAwait(false);
                return new MarkedPage<BlobItem>(page.Items, page.ContinuationToken);
            },
            cancellationToken);

    private static BlobListPage ReadBlobListPage(Response response)
    {
        var (blobs, next) = response.XmlBody().Listing("Blobs", "Blob");
        return new BlobListPage([.. blobs.Select(ReadBlobItem)], next);
    }

    private static BlobItem ReadBlobItem(XElement blob)
    {
        var properties = blob.Element("Properties") ?? new XElement("Properties");
        var length = properties.Child("Content-Length");
        return new BlobItem(
            blob.RequiredChild("Name"),
            string.IsNullOrEmpty(length) ? 0 : long.Parse(length, CultureInfo.InvariantCulture),
            StorageWire.ParseETag(properties.RequiredChild("Etag")),
            StorageWire.ParseDate(properties.RequiredChild("Last-Modified")),
            properties.Child("Content-Type") is { Length: > 0 } type ? type : null);
    }
}
