using System.Globalization;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Backend.InMemory;

/// <summary>Instances in memory, with the same ETag semantics as the Azure store.</summary>
public sealed class InMemoryInstanceStore : IInstanceStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, Entry> _instances = new(StringComparer.Ordinal);
    private long _etag;

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
            return ValueTask.FromResult(_instances.Remove(instanceId));
        }
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
