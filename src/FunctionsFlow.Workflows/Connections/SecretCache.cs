namespace FunctionsFlow.Workflows.Connections;

/// <summary>Connection secrets (their stored text) read from the store, by secret name and version, in memory: at most
/// <see cref="ConnectionOptions.CacheCapacity"/> of them (the least recently used go first), each used for
/// <see cref="ConnectionOptions.CacheTimeToLive"/> before the store is asked again. A version never changes, so an
/// entry is never wrong, only old; an old one still serves while the store cannot be reached, up to
/// <see cref="ConnectionOptions.CacheMaxStale"/>.</summary>
internal sealed class SecretCache(ConnectionOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Name, string Version), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = [];

    /// <summary>How many versions are held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The cached value when it is younger than the time to live.</summary>
    public string? Fresh(string name, string version) => Find(name, version, options.CacheTimeToLive);

    /// <summary>The cached value when it is younger than the stale limit (for when the store fails).</summary>
    public string? Stale(string name, string version) => Find(name, version, options.CacheMaxStale);

    public void Set(string name, string version, string value)
    {
        lock (_lock)
        {
            if (_entries.Remove((name, version), out var old))
            {
                _recent.Remove(old);
            }

            _entries[(name, version)] = _recent.AddFirst(new Entry(name, version, value, time.GetUtcNow()));
            while (_entries.Count > options.CacheCapacity)
            {
                var last = _recent.Last!;
                _recent.RemoveLast();
                _entries.Remove((last.Value.Name, last.Value.Version));
            }
        }
    }

    /// <summary>Forgets every version of <paramref name="name"/>.</summary>
    public void Invalidate(string name)
    {
        lock (_lock)
        {
            foreach (var key in _entries.Keys.Where(k => k.Name == name).ToList())
            {
                _recent.Remove(_entries[key]);
                _entries.Remove(key);
            }
        }
    }

    private string? Find(string name, string version, TimeSpan maxAge)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue((name, version), out var node) || time.GetUtcNow() - node.Value.StoredAt > maxAge)
            {
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Value;
        }
    }

    private sealed record Entry(string Name, string Version, string Value, DateTimeOffset StoredAt)
    {
        /// <inheritdoc />
        public override string ToString() => $"Entry {{ Name = {Name}, Version = {Version} }}";
    }
}
