using System.Runtime.CompilerServices;
using System.Text;
using Azure.Core;

namespace FunctionsFlow.Storage.Tables;

public sealed partial class TableClient
{
    /// <summary>The most entities the service returns in one page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Reads one page of the entities that match <paramref name="filter"/>.</summary>
    /// <param name="filter">An OData filter (build it with <see cref="TableFilter"/>), or null for all entities.</param>
    /// <param name="top">The most entities to return in this page, 1 to 1,000; the service's cap when null.</param>
    /// <param name="select">The properties to return (the keys always come back), or null for all.</param>
    /// <param name="continuationToken">The token of the previous page, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <remarks>A page may hold fewer entities than asked for, even none, and still have a continuation token.</remarks>
    public async Task<TableQueryPage> QueryAsync(
        string? filter,
        int? top = null,
        IEnumerable<string>? select = null,
        string? continuationToken = null,
        CancellationToken cancellationToken = default)
    {
        if (top is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, "A page holds 1 to 1,000 entities.");
        }

        var query = new StringBuilder()
            .AppendQuery("$filter", filter)
            .AppendQuery("$top", top?.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AppendQuery("$select", SelectList(select));
        if (continuationToken is not null)
        {
            var (nextPartitionKey, nextRowKey) = TableContinuationToken.Decode(continuationToken);
            query.AppendQuery("NextPartitionKey", nextPartitionKey).AppendQuery("NextRowKey", nextRowKey.Length == 0 ? null : nextRowKey);
        }

        using var message = TableRequest.Create(_pipeline, RequestMethod.Get, new Uri(_tableUri + "()" + query));
        var response = await _pipeline.SendAsync(message, cancellationToken, 200).ConfigureAwait(false);

        using var json = TableRequest.ParseJson(response);
        var items = json.RootElement.GetProperty("value").EnumerateArray().Select(e => TableEntityJson.Read(e)).ToList();
        var token = TableContinuationToken.Encode(
            response.Headers.TryGetValue(TableContinuationToken.NextPartitionKeyHeader, out var pk) ? pk : null,
            response.Headers.TryGetValue(TableContinuationToken.NextRowKeyHeader, out var rk) ? rk : null);
        return new TableQueryPage(items, token);
    }

    /// <summary>Streams every entity that matches <paramref name="filter"/>, reading page after page.</summary>
    /// <param name="filter">An OData filter (build it with <see cref="TableFilter"/>), or null for all entities.</param>
    /// <param name="select">The properties to return (the keys always come back), or null for all.</param>
    /// <param name="cancellationToken">Cancels the query between and during page reads.</param>
    public async IAsyncEnumerable<TableEntity> QueryAllAsync(
        string? filter,
        IEnumerable<string>? select = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var selected = select?.ToList();
        string? token = null;
        do
        {
            var page = await QueryAsync(filter, top: null, selected, token, cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
