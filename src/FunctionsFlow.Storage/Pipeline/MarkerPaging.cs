using System.Runtime.CompilerServices;

namespace FunctionsFlow.Storage.Pipeline;

/// <summary>One page of a listing and the marker of the next, if any.</summary>
internal readonly record struct MarkedPage<T>(IReadOnlyList<T> Items, string? NextMarker);

/// <summary>Turns a page-at-a-time listing into one sequence by following the service's continuation markers.</summary>
internal static class MarkerPaging
{
    public static async IAsyncEnumerable<T> EnumerateAsync<T>(
        Func<string?, CancellationToken, Task<MarkedPage<T>>> getPage,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? marker = null;
        do
        {
            var page = await getPage(marker, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            marker = page.NextMarker;
        }
        while (marker is not null);
    }
}
