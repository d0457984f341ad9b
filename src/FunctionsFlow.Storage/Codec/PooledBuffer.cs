using System.Buffers;
using System.Security.Cryptography;

namespace FunctionsFlow.Storage.Codec;

/// <summary>A buffer from the shared array pool that grows up to a limit and wipes what was written to it
/// before returning it, since that may be plaintext.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private const int MinimumGrowth = 4096;

    /// <summary>The codec's own pool: it keeps at most a few arrays of each size up to 4 MiB, and none larger (the shared
    /// pool keeps arrays of every size per thread, which for multi-megabyte states held hundreds of megabytes).</summary>
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 4 * 1024 * 1024, maxArraysPerBucket: 4);

    private readonly int _limit;
    private byte[] _array;
    private int _written;

    public PooledBuffer(int initialSize, int limit)
    {
        _limit = limit;
        _array = Pool.Rent(Math.Min(initialSize, limit));
    }

    /// <summary>What has been written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

    /// <summary>The room left before the buffer must grow, never past the limit.</summary>
    public Span<byte> FreeSpan => _array.AsSpan(_written, Capacity - _written);

    private int Capacity => Math.Min(_array.Length, _limit);

    public void Advance(int count) => _written += count;

    /// <summary>Doubles the room, up to the limit; false when the limit is reached already.</summary>
    public bool TryGrow()
    {
        if (Capacity >= _limit)
        {
            return false;
        }

        var larger = Pool.Rent((int)Math.Min(_limit, Math.Max(MinimumGrowth, 2L * Capacity)));
        WrittenSpan.CopyTo(larger);
        Release();
        _array = larger;
        return true;
    }

    public void Dispose()
    {
        if (_array.Length == 0)
        {
            return;
        }

        Release();
        _array = [];
        _written = 0;
    }

    private void Release()
    {
        CryptographicOperations.ZeroMemory(_array.AsSpan(0, _written));
        Pool.Return(_array);
    }
}
