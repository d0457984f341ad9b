using System.Text;
using FunctionsFlow.Storage.Codec;
using static FunctionsFlow.Storage.Tests.Codec.CodecTestData;

namespace FunctionsFlow.Storage.Tests.Codec;

public sealed class StateCodecTamperTests
{
    public enum Region
    {
        Magic,
        Version,
        Flags,
        KeyIdLength,
        KeyId,
        Nonce,
        Tag,
        Payload,
    }

    [Theory]
    [InlineData(Region.Magic, 0, 0x01, StateCodecError.BadMagic)]
    [InlineData(Region.Magic, 3, 0x80, StateCodecError.BadMagic)]
    [InlineData(Region.Version, 0, 0x02, StateCodecError.UnsupportedVersion)]
    [InlineData(Region.Flags, 0, 0x80, StateCodecError.Malformed)]
    [InlineData(Region.Flags, 0, 0x01, StateCodecError.Malformed)]
    [InlineData(Region.Flags, 0, 0x04, StateCodecError.AuthenticationFailed)]
    [InlineData(Region.KeyIdLength, 0, 0x40, StateCodecError.Malformed)]
    [InlineData(Region.KeyId, 4, 0x02, StateCodecError.UnknownKey)]
    [InlineData(Region.KeyId, 4, 0x80, StateCodecError.Malformed)]
    [InlineData(Region.Nonce, 0, 0x01, StateCodecError.AuthenticationFailed)]
    [InlineData(Region.Nonce, 11, 0x80, StateCodecError.AuthenticationFailed)]
    [InlineData(Region.Tag, 0, 0x01, StateCodecError.AuthenticationFailed)]
    [InlineData(Region.Tag, 15, 0x80, StateCodecError.AuthenticationFailed)]
    [InlineData(Region.Payload, 0, 0x01, StateCodecError.AuthenticationFailed)]
    [InlineData(Region.Payload, 299, 0x10, StateCodecError.AuthenticationFailed)]
    public void Decode_BitFlippedInRegion_ThrowsThatRegionsError(Region region, int index, byte mask, StateCodecError expected)
    {
        var codec = Encrypting();
        var envelope = codec.Encode(RandomBytes(300), Context);

        var tampered = FlipBit(envelope, Offset(Header(envelope), region) + index, mask);

        Assert.Equal(expected, DecodeError(codec, tampered));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public void Decode_AnySingleBitFlipped_ThrowsStateCodecException(bool encrypt, bool compressed)
    {
        var codec = CodecFor(encrypt);
        var envelope = codec.Encode(compressed ? Text(4 * KiB) : RandomBytes(200), Context);
        Assert.Equal(compressed, Header(envelope).IsCompressed);

        for (var offset = 0; offset < envelope.Length; offset++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var tampered = FlipBit(envelope, offset, (byte)(1 << bit));
                var error = DecodeError(codec, tampered);
                Assert.True(error is not (StateCodecError.DecompressedSizeExceeded or StateCodecError.EncryptionRequired), $"Byte {offset}, bit {bit}: {error}");
            }
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decode_CutShortAtEveryLength_ThrowsTruncatedOrAuthenticationFailed(bool compressible)
    {
        var codec = Encrypting();
        var envelope = codec.Encode(compressible ? Text(8 * KiB) : RandomBytes(4 * KiB), Context);
        var headerLength = Header(envelope).Length;

        for (var length = 0; length < envelope.Length; length++)
        {
            var error = DecodeError(codec, envelope[..length]);

            var expected = length < headerLength ? StateCodecError.Truncated : StateCodecError.AuthenticationFailed;
            Assert.True(expected == error, $"Cut at {length} of {envelope.Length}: {error}");
        }
    }

    [Fact]
    public void Decode_UnencryptedCutShortInPayload_ThrowsChecksumMismatch()
    {
        var codec = Checksumming();
        var envelope = codec.Encode(Text(4 * KiB), Context);

        for (var length = Header(envelope).Length; length < envelope.Length; length += 97)
        {
            Assert.Equal(StateCodecError.ChecksumMismatch, DecodeError(codec, envelope[..length]));
        }
    }

    [Theory]
    [InlineData(true, "order-4712", CodecPurposes.Checkpoint)]
    [InlineData(true, "order-4711", CodecPurposes.SuspendedState)]
    [InlineData(true, "order-4711c", "heckpoint")]
    [InlineData(false, "order-4712", CodecPurposes.Checkpoint)]
    [InlineData(false, "order-4711", CodecPurposes.Payload)]
    public void Decode_WithAnotherInstanceOrPurpose_IsRefused(bool encrypt, string instanceId, string purpose)
    {
        var codec = CodecFor(encrypt);
        var envelope = codec.Encode(Text(2 * KiB), Context);

        var error = DecodeError(codec, envelope, new CodecContext(instanceId, purpose));

        Assert.Equal(encrypt ? StateCodecError.AuthenticationFailed : StateCodecError.ChecksumMismatch, error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_UnencryptedWithPayloadBitFlipped_ThrowsChecksumMismatch(bool compressible)
    {
        var codec = Checksumming();
        var envelope = codec.Encode(compressible ? Text(4 * KiB) : RandomBytes(KiB), Context);
        Assert.Equal(compressible, Header(envelope).IsCompressed);

        var tampered = FlipBit(envelope, envelope.Length - 1, 0x01);

        Assert.Equal(StateCodecError.ChecksumMismatch, DecodeError(codec, tampered));
    }

    [Fact]
    public void Decode_UnencryptedWhenEncryptionIsRequired_ThrowsEncryptionRequired()
    {
        var envelope = Checksumming().Encode(Text(KiB), Context);
        var strict = Checksumming(requireEncryption: true, keys: Keys("key-a"));

        Assert.Equal(StateCodecError.EncryptionRequired, DecodeError(strict, envelope));
        Assert.Equal(Text(KiB), Encrypting().Decode(envelope, Context));
    }

    [Theory]
    [InlineData("{\"id\":1}")]
    [InlineData("FFSD....")]
    public void Decode_BytesThatAreNoEnvelope_ThrowsBadMagic(string text)
    {
        Assert.Equal(StateCodecError.BadMagic, DecodeError(Encrypting(), Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void Decode_ValidChecksumOverInvalidCompressedData_ThrowsMalformed()
    {
        var envelope = Unencrypted(EnvelopeFlags.Brotli, RandomBytes(KiB));

        Assert.Equal(StateCodecError.Malformed, DecodeError(Checksumming(), envelope));
    }

    [Fact]
    public void Decode_ValidChecksumOverCompressedDataWithTrailingBytes_ThrowsMalformed()
    {
        using var compressed = BrotliCompression.TryCompress(Text(4 * KiB), 4 * KiB);
        Assert.NotNull(compressed);
        var payload = compressed.WrittenSpan.ToArray().Append((byte)0).ToArray();
        Assert.Equal(Text(4 * KiB), BrotliCompression.Decompress(payload.AsSpan(..^1), MiB));

        var envelope = Unencrypted(EnvelopeFlags.Brotli, payload);

        Assert.Equal(StateCodecError.Malformed, DecodeError(Checksumming(), envelope));
    }

    private static byte[] Unencrypted(EnvelopeFlags compression, byte[] payload)
    {
        var header = new EnvelopeHeader(EnvelopeFlags.Checksum | compression, string.Empty);
        var envelope = new byte[header.Length + payload.Length];
        header.Write(envelope);
        payload.CopyTo(envelope.AsSpan()[header.Payload]);
        var associatedData = AssociatedData.Create(envelope.AsSpan()[header.Authenticated], Context);
        PayloadProtection.WriteChecksum(associatedData, payload, envelope.AsSpan()[header.Tag]);
        return envelope;
    }

    private static int Offset(EnvelopeHeader header, Region region) => region switch
    {
        Region.Magic => 0,
        Region.Version => 4,
        Region.Flags => 5,
        Region.KeyIdLength => 6,
        Region.KeyId => 7,
        Region.Nonce => header.Nonce.Start.Value,
        Region.Tag => header.Tag.Start.Value,
        Region.Payload => header.Length,
        _ => throw new ArgumentOutOfRangeException(nameof(region)),
    };
}
