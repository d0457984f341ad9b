namespace FunctionsFlow.Durable.Backend;

/// <summary>The port to where instances, their history and their outboxes live.</summary>
/// <remarks>Every change of one instance is atomic and guarded by an ETag: of two workers committing from the
/// same state, exactly one wins.</remarks>
public interface IInstanceStore
{
    /// <summary>Reads an instance's status, current history and outbox; null when there is none.</summary>
    ValueTask<InstanceRecord?> LoadAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Reads an instance's status row only.</summary>
    ValueTask<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Creates an instance with an empty history, or replaces a finished one whose ETag is
    /// <paramref name="replaceETag"/>. Returns the new ETag, or null when another writer got there first.</summary>
    ValueTask<string?> TryCreateAsync(InstanceMetadata metadata, IReadOnlyList<OutboundMessage> outbox, string? replaceETag, CancellationToken cancellationToken = default);

    /// <summary>Applies a commit if the instance still has the commit's ETag, after storing its checkpoints. Returns
    /// the new ETag, or null on conflict.</summary>
    ValueTask<string?> TryCommitAsync(string instanceId, InstanceCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Empties the outbox after its messages were sent, if nothing changed since (otherwise does nothing).</summary>
    ValueTask TryClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken = default);

    /// <summary>Lists instances.</summary>
    ValueTask<InstanceQueryResult> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stores a checkpoint of an instance (replacing one with the same id). Checkpoints stay until the
    /// instance is purged, across restarts and continue-as-new.</summary>
    ValueTask WriteCheckpointAsync(string instanceId, CheckpointWrite checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Reads a checkpoint's state; null when the instance has no such checkpoint.</summary>
    ValueTask<string?> ReadCheckpointAsync(string instanceId, string checkpointId, CancellationToken cancellationToken = default);

    /// <summary>Lists an instance's checkpoints in id order (ordinal).</summary>
    ValueTask<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes an instance with its history, checkpoints and large payloads. Returns false when there was none.</summary>
    ValueTask<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default);
}
