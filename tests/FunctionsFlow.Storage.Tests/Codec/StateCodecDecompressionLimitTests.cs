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
