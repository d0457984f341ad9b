using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;
using static FunctionsFlow.Durable.AzureStorage.InstanceRows;

namespace FunctionsFlow.Durable.AzureStorage;

internal sealed partial class AzureInstanceStore
{
    /// <inheritdoc />
    /// <remarks>The status row goes first, so a purge cut short leaves an instance that is gone rather than one with half
    /// a history; leftover rows and blobs are removed by the next purge of the same id.</remarks>
    public async ValueTask<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var rows = await table.QueryAllAsync(TableFilter.PartitionKeyEquals(instanceId), select: [], cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var existed = rows.Exists(r => r.RowKey == StatusRowKey);
        _statusBlobs.Remove(instanceId);
        await DeleteRowsAsync(rows.OrderBy(r => r.RowKey == StatusRowKey ? 0 : 1), cancellationToken).ConfigureAwait(false);
        await payloads.DeleteFolderAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return existed;
    }

    /// <summary>Deletes the history rows (and their blobs) of every execution but <paramref name="executionId"/>.</summary>
    /// <remarks>Best effort: loads ignore such rows, and a purge removes whatever is left.</remarks>
    private async Task DeleteOtherExecutionsAsync(string instanceId, string executionId, CancellationToken cancellationToken)
    {
        try
        {
            var filter = TableFilter.And(TableFilter.PartitionKeyEquals(instanceId), TableFilter.RowKeyStartsWith(HistoryRowPrefix));
            var current = HistoryPrefix(executionId);
            var stale = await table.QueryAllAsync(filter, [Events + PayloadBlobs.BlobSuffix], cancellationToken)
                .Where(r => !r.RowKey.StartsWith(current, StringComparison.Ordinal))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            await DeleteRowsAsync(stale, cancellationToken).ConfigureAwait(false);
            var blobs = stale.Select(r => r.GetString(Events + PayloadBlobs.BlobSuffix)).OfType<string>().Where(n => n.Length > 0);
            await payloads.DeleteAsync(blobs, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException)
        {
            // Left for the purge.
        }
    }

    /// <summary>Deletes rows of one partition, up to 100 per transaction.</summary>
    private async Task DeleteRowsAsync(IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.Chunk(TableClient.MaxTransactionActions))
        {
            try
            {
                await table.SubmitTransactionAsync([.. chunk.Select(r => TableTransactionAction.Delete(r.PartitionKey, r.RowKey))], cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (StorageException ex) when (ex.IsNotFound)
            {
                // Someone else deleted some of them meanwhile; delete the rest one by one.
                foreach (var row in chunk)
                {
                    await DeleteRowIfExistsAsync(row, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task DeleteRowIfExistsAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            // Already gone.
        }
    }
}
