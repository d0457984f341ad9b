using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Tables;
using static FunctionsFlow.Durable.AzureStorage.InstanceRows;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Instances in one Azure table, a partition per instance, large texts in the payload container.</summary>
/// <remarks>Every change of an instance writes its status row under an If-Match condition; a commit writes the status
/// row and its history row in one entity-group transaction. The ETags handed out are <see cref="InstanceVersion"/>s.
/// A commit that keeps a large text points to the blob that already holds it; blobs of texts a commit replaced (a
/// changed custom status, a sent outbox) stay until the instance is purged.</remarks>
internal sealed partial class AzureInstanceStore(TableClient table, PayloadBlobs payloads, int maxInlineChars, StateCodec codec) : IInstanceStore
{
    private readonly StatusBlobCache _statusBlobs = new();

    /// <inheritdoc />
    public async ValueTask<InstanceRecord?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        // One partition query. History rows sort before the status row and a commit only adds rows of a higher
        // sequence, so a query that straddles a commit still reads every row the status row counts; rows past that
        // count (never expected) are left out, and a gap fails the load rather than hand out history that does not
        // belong to the ETag.
        var rows = await table.QueryAllAsync(TableFilter.PartitionKeyEquals(instanceId), cancellationToken: cancellationToken)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var status = rows.Find(r => r.RowKey == StatusRowKey);
        if (status is null)
        {
            return null;
        }

        var blobs = new Dictionary<string, string>(StringComparer.Ordinal);
        var metadata = await ReadMetadataAsync(status, payloads, blobs, cancellationToken).ConfigureAwait(false);
        var outbox = await ReadOutboxAsync(status, payloads, blobs, cancellationToken).ConfigureAwait(false);
        var version = VersionOf(status);
        _statusBlobs.Set(instanceId, version.ToString(), blobs);

        var history = rows
            .Where(r => IsHistoryOf(r.RowKey, metadata.ExecutionId) && SequenceOf(r.RowKey) < version.NextSequence)
            .OrderBy(r => r.RowKey, StringComparer.Ordinal)
            .ToList();
        if (history.Count != version.NextSequence)
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' has {history.Count} history rows for {version.NextSequence} commits; the load will be retried.");
        }

        var commits = await Task.WhenAll(history.Select(r => ReadEventsAsync(r, payloads, cancellationToken))).ConfigureAwait(false);
        return new InstanceRecord(metadata, [.. commits.SelectMany(c => c)], outbox, version.ToString());
    }

    /// <inheritdoc />
    public async ValueTask<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var row = await table.GetEntityIfExistsAsync(instanceId, StatusRowKey, MetadataProperties, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await ReadMetadataAsync(row, payloads, downloaded: null, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<string?> TryCreateAsync(
        InstanceMetadata metadata, IReadOnlyList<OutboundMessage> outbox, string? replaceETag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(outbox);
        InstanceVersion replaced = default;
        if (replaceETag is not null && !InstanceVersion.TryParse(replaceETag, out replaced))
        {
            return null;
        }

        var writeId = NewWriteId();
        var writer = new PayloadWriter(payloads, metadata.InstanceId, maxInlineChars, _statusBlobs.Get(metadata.InstanceId, replaceETag));
        var row = StatusRow(metadata, outbox, nextSequence: 0, writeId, writer);
        await writer.UploadAsync(cancellationToken).ConfigureAwait(false);
        InstanceVersion created;
        try
        {
            created = new InstanceVersion(0, replaceETag is null
                ? await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false)
                : await table.UpdateEntityAsync(row, replaced.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false));
        }
        catch (StorageException ex) when (ex.IsConflict || ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return await AppliedVersionAsync(metadata.InstanceId, writeId, cancellationToken).ConfigureAwait(false);
        }

        if (replaceETag is not null)
        {
            created = await DeleteOtherExecutionsAsync(metadata.InstanceId, metadata.ExecutionId, writeId, created, cancellationToken).ConfigureAwait(false);
        }

        return Remember(metadata.InstanceId, created, writer);
    }

    /// <inheritdoc />
    /// <remarks>One entity-group transaction: replace the status row if its ETag still matches, and insert the commit's
    /// history row. A new execution starts its rows at sequence 0 under its own id; the previous execution's rows are
    /// deleted afterwards, best effort (loads ignore them either way).</remarks>
    public async ValueTask<string?> TryCommitAsync(string instanceId, InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (commit.Metadata.InstanceId != instanceId)
        {
            throw new ArgumentException($"The commit is for instance '{commit.Metadata.InstanceId}', not '{instanceId}'.", nameof(commit));
        }

        if (!InstanceVersion.TryParse(commit.ETag, out var current))
        {
            return null;
        }

        // Checkpoints first: a commit that names one is applied only once it is stored (an orphan of a failed commit is
        // overwritten by the retry, or removed with the instance).
        await Task.WhenAll((commit.Checkpoints ?? []).Select(c => WriteCheckpointAsync(instanceId, c, cancellationToken).AsTask())).ConfigureAwait(false);
        var sequence = commit.NewExecution ? 0 : current.NextSequence;
        var next = commit.NewEvents.Count > 0 ? sequence + 1 : sequence;
        var writeId = NewWriteId();
        var statusWriter = new PayloadWriter(payloads, instanceId, maxInlineChars, _statusBlobs.Get(instanceId, commit.ETag));
        var historyWriter = new PayloadWriter(payloads, instanceId, maxInlineChars);
        List<TableTransactionAction> actions =
            [TableTransactionAction.Update(StatusRow(commit.Metadata, commit.Outbox, next, writeId, statusWriter), current.ETag, TableUpdateMode.Replace)];
        if (commit.NewEvents.Count > 0)
        {
            actions.Add(TableTransactionAction.Add(HistoryRow(instanceId, commit.Metadata.ExecutionId, sequence, commit.NewEvents, historyWriter)));
        }

        await Task.WhenAll(statusWriter.UploadAsync(cancellationToken), historyWriter.UploadAsync(cancellationToken)).ConfigureAwait(false);
        InstanceVersion committed;
        try
        {
            var etags = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            committed = new InstanceVersion(next, etags[0]);
        }
        catch (StorageException ex) when (ex.IsConflict || ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return await AppliedVersionAsync(instanceId, writeId, cancellationToken).ConfigureAwait(false);
        }

        if (commit.NewExecution)
        {
            committed = await DeleteOtherExecutionsAsync(instanceId, commit.Metadata.ExecutionId, writeId, committed, cancellationToken).ConfigureAwait(false);
        }

        return Remember(instanceId, committed, statusWriter);
    }

    /// <inheritdoc />
    public async ValueTask TryClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken = default)
    {
        if (!InstanceVersion.TryParse(etag, out var current))
        {
            return;
        }

        // A merge keeps what it does not name, so both the inline and the blob form are blanked.
        var row = new TableEntity(instanceId, StatusRowKey)
        {
            [Outbox] = string.Empty,
            [Outbox + PayloadBlobs.BlobSuffix] = string.Empty,
        };
        try
        {
            await table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            // Something changed since: the outbox is no longer the one that was sent.
        }
    }

    /// <summary>After a write failed on its condition: if an earlier attempt of the same write was applied and only its
    /// answer was lost (the pipeline retries), the version it made; else null.</summary>
    private async Task<string?> AppliedVersionAsync(string instanceId, string writeId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync(instanceId, StatusRowKey, [WriteId, NextSequence], cancellationToken).ConfigureAwait(false);
        return row?.GetString(WriteId) == writeId ? VersionOf(row!).ToString() : null;
    }

    /// <summary>Notes the blobs of a status row just written; returns its version as the ETag to hand out.</summary>
    private string Remember(string instanceId, InstanceVersion version, PayloadWriter writer)
    {
        var etag = version.ToString();
        _statusBlobs.Set(instanceId, etag, writer.Blobs);
        return etag;
    }

    private static string NewWriteId() => Guid.NewGuid().ToString("N");
}
