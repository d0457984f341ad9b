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

    /// <summary>Deletes the history rows (and their blobs) of every execution but the current one.</summary>
    /// <remarks>Each transaction also merges the status row under If-Match, so rows are deleted only while the status
    /// row is still the one this store wrote: rows of an execution started since are never touched. Best effort:
    /// loads ignore such rows, and a purge removes whatever is left.</remarks>
    /// <returns>The status row's version afterwards (each guarded transaction moves its ETag on).</returns>
    private async Task<InstanceVersion> DeleteOtherExecutionsAsync(
        string instanceId, string executionId, string writeId, InstanceVersion version, CancellationToken cancellationToken)
    {
        try
        {
            var filter = TableFilter.And(TableFilter.PartitionKeyEquals(instanceId), TableFilter.RowKeyStartsWith(HistoryRowPrefix));
            var stale = await table.QueryAllAsync(filter, [Events + PayloadBlobs.BlobSuffix], cancellationToken)
                .Where(r => !IsHistoryOf(r.RowKey, executionId))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var chunk in stale.Chunk(TableClient.MaxTransactionActions - 1))
            {
                var guard = new TableEntity(instanceId, StatusRowKey) { [WriteId] = writeId };
                var etags = await table.SubmitTransactionAsync(
                    [TableTransactionAction.Update(guard, version.ETag, TableUpdateMode.Merge), .. chunk.Select(r => TableTransactionAction.Delete(r.PartitionKey, r.RowKey))],
                    cancellationToken).ConfigureAwait(false);
                version = version with { ETag = etags[0] };
                var blobs = chunk.Select(r => r.GetString(Events + PayloadBlobs.BlobSuffix)).OfType<string>().Where(n => n.Length > 0);
                await payloads.DeleteAsync(blobs, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (StorageException)
        {
            // The instance moved on (412), or the service failed: left for the purge.
        }

        return version;
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
