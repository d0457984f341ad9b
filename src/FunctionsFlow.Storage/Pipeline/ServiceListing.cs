using Azure.Core;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>Lists the containers of the Blob service or the queues of the Queue service (<c>GET /?comp=list</c>).</summary>
internal static class ServiceListing
{
    public static IAsyncEnumerable<string> ListNamesAsync(
        StoragePipeline pipeline, StorageServiceKind service, string? prefix, CancellationToken cancellationToken, int? pageSize = null)
    {
        var (collection, item) = service switch
        {
            StorageServiceKind.Blob => ("Containers", "Container"),
            StorageServiceKind.Queue => ("Queues", "Queue"),
            _ => throw new ArgumentOutOfRangeException(nameof(service)),
        };
        var endpoint = new Uri(pipeline.Account.GetEndpoint(service) + "/");

        return MarkerPaging.EnumerateAsync(
            (marker, ct) =>
            {
                var message = pipeline.CreateMessage(RequestMethod.Get, endpoint);
                message.Request.Uri.AppendQuery("comp", "list");
                AppendListingQuery(message.Request.Uri, prefix, marker, pageSize);
                return pipeline.SendAndReadAsync(
                    message,
                    response =>
                    {
                        var (items, next) = response.XmlBody().Listing(collection, item);
                        return new MarkedPage<string>([.. items.Select(e => e.RequiredChild("Name"))], next);
                    },
                    ct,
                    200);
            },
            cancellationToken);
    }

    /// <summary>Appends the optional <c>prefix</c>, <c>maxresults</c> and <c>marker</c> parameters of a listing.</summary>
    public static void AppendListingQuery(RequestUriBuilder uri, string? prefix, string? marker, int? maxResults)
    {
        if (!string.IsNullOrEmpty(prefix))
        {
            uri.AppendQuery("prefix", prefix, escapeValue: true);
        }

        if (maxResults is { } max)
        {
            uri.AppendQuery("maxresults", StorageWire.Invariant(max), escapeValue: false);
        }

        if (!string.IsNullOrEmpty(marker))
        {
            uri.AppendQuery("marker", marker, escapeValue: true);
        }
    }
}
