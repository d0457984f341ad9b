using System.Buffers;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>A buffer writer that refuses to grow past a size: writing a large value stops as soon as it is known to
/// be too large, instead of writing it whole to measure it.</summary>
internal sealed class CappedBufferWriter(int capacity) : IBufferWriter<byte>
{
    private readonly ArrayBufferWriter<byte> _inner = new(Math.Min(capacity, 4096));
    private bool _full;

    /// <summary>What was written.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _inner.WrittenSpan;

    public void Advance(int count)
    {
        if (_full)
        {
            return; // a writer flushing what it had when it learned the value is too large
        }

        if (_inner.WrittenCount + count > capacity)
        {
            Full();
        }

        _inner.Advance(count);
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _inner.GetMemory(Check(sizeHint));

    public Span<byte> GetSpan(int sizeHint = 0) => _inner.GetSpan(Check(sizeHint));

    private int Check(int sizeHint)
    {
        if (!_full && _inner.WrittenCount + sizeHint > capacity)
        {
            Full();
        }

        return sizeHint;
    }

    private void Full()
    {
        _full = true;
        throw new FullException();
    }

    /// <summary>The value is larger than the capacity.</summary>
    public sealed class FullException() : Exception("The value is larger than the buffer allows.");
}
