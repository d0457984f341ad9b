using System.Globalization;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Backend.InMemory;

/// <summary>Instances in memory, with the same ETag semantics as the Azure store.</summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, (string State, DateTimeOffset CreatedAt)>> _checkpoints = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _etag;

    /// <summary>A store whose checkpoints are stamped by <paramref name="time"/> (the system clock when null).</summary>
    public InMemoryInstanceStore(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public ValueTask<InstanceRecord?> LoadAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_instances.TryGetValue(instanceId, out var e)
                ? new InstanceRecord(e.Metadata, [.. e.History], [.. e.Outbox], e.ETag)
                : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_instances.TryGetValue(instanceId, out var e) ? e.Metadata : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<string?> TryCreateAsync(InstanceMetadata metadata, IReadOnlyList<OutboundMessage> outbox, string? replaceETag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var exists = _instances.TryGetValue(metadata.InstanceId, out var current);
            if (exists != (replaceETag is not null) || (current is not null && current.ETag != replaceETag))
            {
                return ValueTask.FromResult<string?>(null);
            }

            var entry = new Entry(metadata, NextETag()) { Outbox = [.. outbox] };
            _instances[metadata.InstanceId] = entry;
            return ValueTask.FromResult<string?>(entry.ETag);
        }
    }

    /// <inheritdoc />
    public ValueTask<string?> TryCommitAsync(string instanceId, InstanceCommit commit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var checkpoint in commit.Checkpoints ?? [])
            {
                Store(instanceId, checkpoint);
            }

            if (!_instances.TryGetValue(instanceId, out var entry) || entry.ETag != commit.ETag)
            {
                return ValueTask.FromResult<string?>(null);
            }

            if (commit.NewExecution)
            {
                entry.History.Clear();
            }

            entry.History.AddRange(commit.NewEvents);
            entry.Metadata = commit.Metadata;
            entry.Outbox = [.. commit.Outbox];
            entry.ETag = NextETag();
            return ValueTask.FromResult<string?>(entry.ETag);
        }
    }

    /// <inheritdoc />
    public ValueTask TryClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_instances.TryGetValue(instanceId, out var entry) && entry.ETag == etag)
            {
                entry.Outbox = [];
                entry.ETag = NextETag();
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<InstanceQueryResult> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var after = query.ContinuationToken;
            var page = _instances.Values
                .Select(e => e.Metadata)
                .Where(m => after is null || string.CompareOrdinal(m.InstanceId, after) > 0)
                .Where(m => InstanceQueryMatcher.Matches(query, m))
                .Take(query.PageSize + 1)
                .ToList();
            var more = page.Count > query.PageSize;
            if (more)
            {
                page.RemoveAt(page.Count - 1);
            }

            return ValueTask.FromResult(new InstanceQueryResult(page, more ? page[^1].InstanceId : null));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _checkpoints.Remove(instanceId);
            return ValueTask.FromResult(_instances.Remove(instanceId));
        }
    }

    /// <inheritdoc />
    public ValueTask WriteCheckpointAsync(string instanceId, CheckpointWrite checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            Store(instanceId, checkpoint);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<string?> ReadCheckpointAsync(string instanceId, string checkpointId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_checkpoints.TryGetValue(instanceId, out var all) && all.TryGetValue(checkpointId, out var c) ? c.State : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<CheckpointInfo> list = _checkpoints.TryGetValue(instanceId, out var all)
                ? [.. all.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CheckpointInfo(c.Key, c.Value.CreatedAt, System.Text.Encoding.UTF8.GetByteCount(c.Value.State)))]
                : [];
            return ValueTask.FromResult(list);
        }
    }

    private void Store(string instanceId, CheckpointWrite checkpoint)
    {
        CheckpointIds.Validate(checkpoint.Id, nameof(checkpoint));
        if (!_checkpoints.TryGetValue(instanceId, out var all))
        {
            _checkpoints[instanceId] = all = new(StringComparer.Ordinal);
        }

        all[checkpoint.Id] = (checkpoint.State, _time.GetUtcNow());
    }

    private string NextETag() => (++_etag).ToString(CultureInfo.InvariantCulture);

    private sealed class Entry(InstanceMetadata metadata, string etag)
    {
        public InstanceMetadata Metadata { get; set; } = metadata;

        public List<HistoryEvent> History { get; } = [];

        public List<OutboundMessage> Outbox { get; set; } = [];

        public string ETag { get; set; } = etag;
    }
}
