using System.Buffers;
using System.Security.Cryptography;

namespace FunctionsFlow.Storage.Codec;

/// <summary>A buffer from the shared array pool that grows up to a limit and wipes what was written to it
/// before returning it, since that may be plaintext.</summary>
internal sealed class PooledBuffer : IDisposable
{
    private const int MinimumGrowth = 4096;

    private readonly int _limit;
    private byte[] _array;
    private int _written;

    public PooledBuffer(int initialSize, int limit)
    {
        _limit = limit;
        _array = ArrayPool<byte>.Shared.Rent(Math.Min(initialSize, limit));
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

        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(_limit, Math.Max(MinimumGrowth, 2L * Capacity)));
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
        ArrayPool<byte>.Shared.Return(_array);
    }
}
