using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Storage.Tables;
using static FunctionsFlow.Durable.AzureStorage.InstanceRows;

namespace FunctionsFlow.Durable.AzureStorage;

internal sealed partial class AzureInstanceStore
{
    /// <inheritdoc />
    /// <remarks>Every filter runs on the server (names through an upper-cased copy, tags through their own properties),
    /// and each row is checked again with <see cref="InstanceQueryMatcher"/>, so results equal the in-memory store's.
    /// Instances come in id order; the continuation token is the last id returned, and is null on the last page.</remarks>
    public async ValueTask<InstanceQueryResult> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, TableClient.MaxPageSize, nameof(query));

        // One more than a page tells whether another page follows.
        var wanted = query.PageSize + 1;
        var filter = ServerFilter(query);
        var items = new List<InstanceMetadata>(wanted);
        string? tableToken = null;
        do
        {
            var page = await table.QueryAsync(
                filter, Math.Min(wanted - items.Count, TableClient.MaxPageSize), MetadataProperties, tableToken, cancellationToken).ConfigureAwait(false);
            foreach (var row in page.Items)
            {
                var metadata = await ReadMetadataAsync(row, payloads, downloaded: null, cancellationToken).ConfigureAwait(false);
                if (InstanceQueryMatcher.Matches(query, metadata))
                {
                    items.Add(metadata);
                }
            }

            tableToken = page.ContinuationToken;
        }
        while (items.Count < wanted && tableToken is not null);

        if (items.Count < wanted)
        {
            return new InstanceQueryResult(items, null);
        }

        items.RemoveAt(items.Count - 1);
        return new InstanceQueryResult(items, items[^1].InstanceId);
    }

    private static string ServerFilter(InstanceQuery query)
    {
        List<string> filters = [TableFilter.Equal("RowKey", StatusRowKey)];
        if (query.RuntimeStatus is { Count: > 0 } statuses)
        {
            filters.Add(TableFilter.Or([.. statuses.Distinct().Select(s => TableFilter.Equal(RuntimeStatus, s.ToString()))]));
        }

        // Azurite compares dates to the millisecond only: the server gets the range widened to whole milliseconds,
        // and the exact bounds are applied in memory.
        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableFilter.Compare(CreatedAt, TableComparison.GreaterThanOrEqual, WholeMilliseconds(from)));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableFilter.Compare(CreatedAt, TableComparison.LessThan, WholeMilliseconds(to).AddMilliseconds(1)));
        }

        if (query.Name is { } name)
        {
            filters.Add(TableFilter.Equal(NameKey, NameKeyOf(name)));
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            filters.Add(TableFilter.StartsWith("PartitionKey", prefix));
        }

        if (query.Tag is { } tag)
        {
            filters.Add(TagColumns.Filter(tag.Key, tag.Value));
        }

        if (query.ContinuationToken is { } after)
        {
            filters.Add(TableFilter.Compare("PartitionKey", TableComparison.GreaterThan, after));
        }

        return TableFilter.And([.. filters]);
    }

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset value) =>
        value.AddTicks(-(value.UtcTicks % TimeSpan.TicksPerMillisecond));
}
