using System.Collections.Concurrent;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>Counts resume attempts per key and per client address in one-minute windows (per process): by default
/// 60 per key and 600 per address. Unknown keys count against the address, so guessing is slow.</summary>
internal sealed class ResumeRateLimiter(TimeProvider time)
{
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public int PerKey { get; init; } = 60;

    public int PerAddress { get; init; } = 600;

    /// <summary>Counts an attempt from <paramref name="address"/>; the wait before the next allowed one, or null when allowed.</summary>
    public TimeSpan? TryAddress(string address) => Try("a:" + address, PerAddress);

    /// <summary>Counts an attempt on the key with hash <paramref name="keyHash"/>.</summary>
    public TimeSpan? TryKey(string keyHash) => Try("k:" + keyHash, PerKey);

    private TimeSpan? Try(string id, int limit)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        if (_windows.Count > MaxTracked)
        {
            foreach (var stale in _windows.Where(w => w.Value.Minute < minute).Select(w => w.Key).ToList())
            {
                _windows.TryRemove(stale, out _);
            }
        }

        var window = _windows.AddOrUpdate(id, _ => new Window(minute, 1), (_, w) => w.Minute == minute ? w with { Count = w.Count + 1 } : new Window(minute, 1));
        return window.Count <= limit ? null : TimeSpan.FromSeconds(60 - (now.ToUnixTimeSeconds() % 60));
    }

    private sealed record Window(long Minute, int Count);
}
