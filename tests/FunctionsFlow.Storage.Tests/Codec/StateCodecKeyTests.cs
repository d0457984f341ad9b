using FunctionsFlow.Storage.Codec;
using static FunctionsFlow.Storage.Tests.Codec.CodecTestData;

namespace FunctionsFlow.Storage.Tests.Codec;

public sealed class StateCodecKeyTests
{
    [Fact]
    public void Decode_KeyIdTheReaderDoesNotKnow_ThrowsUnknownKey()
    {
        var envelope = Encrypting(Keys("key-a")).Encode(Text(KiB), Context);

        Assert.Equal(StateCodecError.UnknownKey, DecodeError(Encrypting(Keys("key-b")), envelope));
        Assert.Equal(StateCodecError.UnknownKey, DecodeError(Checksumming(), envelope));
    }

    [Fact]
    public void Decode_AfterRotation_ReadsOldKeyUntilItIsRemoved()
    {
        var plaintext = Text(4 * KiB);
        var before = Encrypting(Keys("key-a")).Encode(plaintext, Context);

        var rotated = Encrypting(Keys("key-b", "key-a"));
        var after = rotated.Encode(plaintext, Context);

        Assert.Equal("key-a", Header(before).KeyId);
        Assert.Equal("key-b", Header(after).KeyId);
        Assert.Equal(plaintext, rotated.Decode(before, Context));
        Assert.Equal(plaintext, rotated.Decode(after, Context));

        var retired = Encrypting(Keys("key-b"));
        Assert.Equal(StateCodecError.UnknownKey, DecodeError(retired, before));
        Assert.Equal(plaintext, retired.Decode(after, Context));
    }

    [Fact]
    public void Decode_SameKeyIdWithOtherKeyBytes_ThrowsAuthenticationFailed()
    {
        var envelope = Encrypting(Keys("key-a")).Encode(Text(KiB), Context);
        var impostor = new StaticCodecKeyProvider([new CodecKey("key-a", new byte[CodecKey.KeySize])], "key-a");

        Assert.Equal(StateCodecError.AuthenticationFailed, DecodeError(Encrypting(impostor), envelope));
    }

    [Fact]
    public void FromBase64_KeysFromConfiguration_DecryptWhatTheyEncrypted()
    {
        var configuration = new Dictionary<string, string>
        {
            ["2025-01"] = Convert.ToBase64String(Key("2025-01").Key.Span),
            ["2025-07"] = Convert.ToBase64String(Key("2025-07").Key.Span),
        };
        var writer = Encrypting(StaticCodecKeyProvider.FromBase64(configuration, "2025-07"));

        var envelope = writer.Encode(Text(KiB), Context);

        Assert.Equal("2025-07", Header(envelope).KeyId);
        Assert.Equal(Text(KiB), Encrypting(Keys("2025-07")).Decode(envelope, Context));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void FromBase64_ValueThatIsNoKey_ThrowsWithoutEchoingIt(string value)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            StaticCodecKeyProvider.FromBase64(new Dictionary<string, string> { ["k1"] = value }, "k1"));

        Assert.Contains("k1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/ed")]
    [InlineData("clé")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789g1234")]
    public void CodecKey_InvalidId_ThrowsArgumentException(string id)
    {
        Assert.Throws<ArgumentException>(() => new CodecKey(id, new byte[CodecKey.KeySize]));
    }

    [Theory]
    [InlineData("k")]
    [InlineData("key_2025.07-b")]
    [InlineData("a123456789b123456789c123456789d123456789e123456789f123456789g123")]
    public void CodecKey_ValidId_IsAccepted(string id)
    {
        Assert.Equal(id, new CodecKey(id, new byte[CodecKey.KeySize]).Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(33)]
    public void CodecKey_KeyThatIsNot32Bytes_ThrowsArgumentException(int size)
    {
        Assert.Throws<ArgumentException>(() => new CodecKey("k", new byte[size]));
    }

    [Fact]
    public void CodecKey_CallerWipesItsArray_KeyIsUnchangedAndNeverPrinted()
    {
        var bytes = Enumerable.Range(1, CodecKey.KeySize).Select(i => (byte)i).ToArray();
        var key = new CodecKey("k", bytes);

        Array.Clear(bytes);

        Assert.Equal(Enumerable.Range(1, CodecKey.KeySize).Select(i => (byte)i), key.Key.ToArray());
        Assert.Equal("k", key.ToString());
    }

    [Fact]
    public void StaticCodecKeyProvider_DuplicateIds_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new StaticCodecKeyProvider([Key("a"), Key("a")], "a"));
    }

    [Fact]
    public void StaticCodecKeyProvider_CurrentIdWithoutKey_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new StaticCodecKeyProvider([Key("a")], "b"));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void StateCodec_EncryptionWithoutKeyProvider_ThrowsArgumentException(bool encrypt, bool requireEncryption)
    {
        Assert.Throws<ArgumentException>(() => new StateCodec(new StateCodecOptions { Encrypt = encrypt, RequireEncryption = requireEncryption }));
    }

    [Theory]
    [InlineData(-1, 0.1, 1)]
    [InlineData(512, -0.1, 1)]
    [InlineData(512, 1.0, 1)]
    [InlineData(512, double.NaN, 1)]
    [InlineData(512, 0.1, 0)]
    public void StateCodec_OptionOutOfRange_ThrowsArgumentOutOfRangeException(int threshold, double gain, int maxDecompressed)
    {
        var options = new StateCodecOptions
        {
            Encrypt = false,
            CompressionThreshold = threshold,
            MinimumCompressionGain = gain,
            MaxDecompressedBytes = maxDecompressed,
        };

        Assert.Throws<ArgumentOutOfRangeException>(() => new StateCodec(options));
    }
}
