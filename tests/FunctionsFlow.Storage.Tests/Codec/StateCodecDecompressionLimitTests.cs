using FunctionsFlow.Storage.Codec;
using static FunctionsFlow.Storage.Tests.Codec.CodecTestData;

namespace FunctionsFlow.Storage.Tests.Codec;

public sealed class StateCodecDecompressionLimitTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decode_ZerosThatExpandPastTheLimit_StopsAtTheLimitWithoutAllocatingTheExpansion(bool encrypt)
    {
        var bomb = CodecFor(encrypt).Encode(new byte[200 * MiB], Context);
        Assert.True(bomb.Length < MiB, $"200 MiB of zeros encoded to {bomb.Length} bytes.");
        var reader = new StateCodec(new StateCodecOptions { Encrypt = encrypt, KeyProvider = Keys("key-a"), MaxDecompressedBytes = MiB });

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = DecodeError(reader, bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(StateCodecError.DecompressedSizeExceeded, error);
        Assert.True(allocated < 4 * MiB, $"Decoding allocated {allocated} bytes.");
    }

    [Fact]
    public void Decode_PlaintextExactlyAtTheLimit_Succeeds()
    {
        var plaintext = Text(MiB);
        var envelope = Encrypting().Encode(plaintext, Context);

        Assert.Equal(plaintext, Encrypting(maxDecompressedBytes: MiB).Decode(envelope, Context));
        Assert.Equal(StateCodecError.DecompressedSizeExceeded, DecodeError(Encrypting(maxDecompressedBytes: MiB - 1), envelope));
    }
}

public sealed class BrotliChunksTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LargePlaintexts_AreCompressedInChunks_AndRoundTrip(bool encrypt)
    {
        var plaintext = Text((5 * MiB) + 123);
        var envelope = CodecFor(encrypt).Encode(plaintext, Context);

        Assert.Equal(EnvelopeFlags.BrotliChunks, Header(envelope).Flags & (EnvelopeFlags.Brotli | EnvelopeFlags.BrotliChunks));
        Assert.True(envelope.Length < plaintext.Length / 2, $"{plaintext.Length} bytes encoded to {envelope.Length}.");
        Assert.Equal(plaintext, CodecFor(encrypt).Decode(envelope, Context));
    }

    [Fact]
    public void Decompress_RefusesTablesThatDoNotFitThePayload_OrPassTheLimit_AndStreamsShorterThanDeclared()
    {
        using var compressed = BrotliChunks.TryCompress(Text(3 * MiB), int.MaxValue)!;
        var good = compressed.WrittenSpan.ToArray();
        Assert.Equal(Text(3 * MiB), BrotliChunks.Decompress(good, 3 * MiB));

        Assert.Equal(StateCodecError.DecompressedSizeExceeded, ErrorOf(good, (3 * MiB) - 1));
        Assert.Equal(StateCodecError.Malformed, ErrorOf(good[..^1], 3 * MiB)); // the streams are shorter than the table says
        Assert.Equal(StateCodecError.Malformed, ErrorOf(With(good, 0, 0), 3 * MiB)); // no chunks
        Assert.Equal(StateCodecError.Malformed, ErrorOf(With(good, 0, 1_000_000), 3 * MiB)); // a table longer than the payload
        Assert.Equal(StateCodecError.Malformed, ErrorOf(With(good, 8, BrotliChunks.ChunkSize + 1), 3 * MiB)); // a chunk larger than chunks are
        Assert.Equal(StateCodecError.Malformed, ErrorOf(With(good, 8, BrotliChunks.ChunkSize - 1), 3 * MiB)); // a stream longer than declared
        Assert.Equal(StateCodecError.Malformed, ErrorOf([1, 2], 3 * MiB));
    }

    private static byte[] With(byte[] data, int offset, int value)
    {
        var copy = data.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static StateCodecError ErrorOf(byte[] payload, int limit) =>
        Assert.Throws<StateCodecException>(() => BrotliChunks.Decompress(payload, limit)).Error;
}
