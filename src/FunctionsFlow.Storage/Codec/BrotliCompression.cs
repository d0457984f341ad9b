using System.Buffers;
using System.IO.Compression;

namespace FunctionsFlow.Storage.Codec;

/// <summary>Brotli at a fast quality, with hard limits on the output in both directions.</summary>
internal static class BrotliCompression
{
    // Quality 1 is Brotli's fast end and still shrinks JSON and text several-fold; higher qualities cost
    // much more time for a few percent. A 4 MiB window keeps the encoder's memory small.
    private const int Quality = 1;
    private const int Window = 22;
    private const int InitialDecompressionFactor = 4;
    private const int MaxInitialCompressionBuffer = 1024 * 1024;

    /// <summary>Compresses into a pooled buffer, giving up as soon as the output would pass
    /// <paramref name="maxLength"/>, so incompressible data costs no more than that much output.</summary>
    /// <returns>The compressed bytes (the caller disposes them), or null when they do not fit.</returns>
    public static PooledBuffer? TryCompress(ReadOnlySpan<byte> source, int maxLength)
    {
        using var encoder = new BrotliEncoder(Quality, Window);
        var output = new PooledBuffer(Math.Min(source.Length / 4, MaxInitialCompressionBuffer), maxLength);
        while (true)
        {
            var status = encoder.Compress(source, output.FreeSpan, out var consumed, out var written, isFinalBlock: true);
            source = source[consumed..];
            output.Advance(written);
            if (status == OperationStatus.Done)
            {
                return output;
            }

            if (status != OperationStatus.DestinationTooSmall || !output.TryGrow())
            {
                output.Dispose();
                return null;
            }
        }
    }

    /// <summary>Decompresses, stopping with an error as soon as the output would pass <paramref name="maxLength"/>.</summary>
    /// <exception cref="StateCodecException">The output passes the limit, or the data is not one complete Brotli stream.</exception>
    public static byte[] Decompress(ReadOnlySpan<byte> source, int maxLength)
    {
        using var decoder = new BrotliDecoder();
        using var output = new PooledBuffer((int)Math.Min(int.MaxValue, (long)source.Length * InitialDecompressionFactor), maxLength);
        while (true)
        {
            var status = decoder.Decompress(source, output.FreeSpan, out var consumed, out var written);
            source = source[consumed..];
            output.Advance(written);
            switch (status)
            {
                case OperationStatus.Done when source.IsEmpty:
                    return output.WrittenSpan.ToArray();
                case OperationStatus.DestinationTooSmall when !output.TryGrow():
                    throw new StateCodecException(
                        StateCodecError.DecompressedSizeExceeded,
                        $"The payload decompresses to more than the limit of {maxLength} bytes.");
                case OperationStatus.DestinationTooSmall:
                    continue;
                default:
                    throw new StateCodecException(StateCodecError.Malformed, "The payload is not valid compressed data.");
            }
        }
    }
}
