using System.Collections.Concurrent;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Which blobs the latest status row of an instance seen by this process points to, by content, so that a
/// write keeping a large text (an instance's input, above all) points to the same blob instead of uploading a copy.</summary>
/// <remarks>Only the row being replaced is trusted: its blobs existed while it was current, and the conditional write
/// succeeds only if it still is. Entries are an optimisation: a miss just uploads, and the cache starts over when it
/// grows past its bound.</remarks>
internal sealed class StatusBlobCache
{
    private const int MaxEntries = 10_000;

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The blobs (by content hash) of the status row of <paramref name="instanceId"/> at <paramref name="version"/>; empty when unknown.</summary>
    public IReadOnlyDictionary<string, string> Get(string instanceId, string? version) =>
        version is not null && _entries.TryGetValue(instanceId, out var entry) && entry.Version == version ? entry.Blobs : Empty;

    /// <summary>Remembers the blobs of a status row read or written at <paramref name="version"/>.</summary>
    public void Set(string instanceId, string version, IReadOnlyDictionary<string, string> blobs)
    {
        if (blobs.Count == 0)
        {
            _entries.TryRemove(instanceId, out _);
            return;
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[instanceId] = new Entry(version, blobs);
    }

    /// <summary>Forgets an instance.</summary>
    public void Remove(string instanceId) => _entries.TryRemove(instanceId, out _);

    private sealed record Entry(string Version, IReadOnlyDictionary<string, string> Blobs);
}
