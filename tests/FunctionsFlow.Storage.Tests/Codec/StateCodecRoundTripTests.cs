using System.Text;
using System.Text.Json;
using FunctionsFlow.Storage.Codec;
using static FunctionsFlow.Storage.Tests.Codec.CodecTestData;

namespace FunctionsFlow.Storage.Tests.Codec;

public sealed class StateCodecRoundTripTests
{
    public static TheoryData<int, bool, bool> Cases()
    {
        var cases = new TheoryData<int, bool, bool>();
        foreach (var size in new[] { 0, KiB, MiB, 10 * MiB })
        {
            foreach (var encrypt in new[] { true, false })
            {
                foreach (var compressible in new[] { true, false })
                {
                    cases.Add(size, encrypt, compressible);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Decode_EncodedPlaintext_ReturnsSameBytes(int size, bool encrypt, bool compressible)
    {
        var codec = CodecFor(encrypt);
        var plaintext = compressible ? Text(size) : RandomBytes(size);

        var envelope = codec.Encode(plaintext, Context);
        var decoded = codec.Decode(envelope, Context);

        Assert.Equal(plaintext, decoded);
        var header = Header(envelope);
        Assert.Equal(encrypt, header.IsEncrypted);
        Assert.Equal(compressible && size > 0, header.IsCompressed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Encode_RandomBytes_StoresThemUncompressed(bool encrypt)
    {
        var plaintext = RandomBytes(MiB);

        var envelope = CodecFor(encrypt).Encode(plaintext, Context);

        var header = Header(envelope);
        Assert.False(header.IsCompressed);
        Assert.Equal(header.Length + plaintext.Length, envelope.Length);
        Assert.True(header.Length <= 7 + 64 + 12 + 16);
    }

    [Fact]
    public void Encode_OneMebibyteOfJson_ShrinksToAFraction()
    {
        var records = Enumerable.Range(0, 12_000)
            .Select(i => new { Id = i, Customer = $"customer-{i % 500}", Status = i % 3 == 0 ? "open" : "closed", Total = i * 1.5m })
            .ToList();
        var json = JsonSerializer.SerializeToUtf8Bytes(records);
        Assert.InRange(json.Length, MiB / 2, 2 * MiB);

        var envelope = Encrypting().Encode(json, Context);

        Assert.True(Header(envelope).IsCompressed);
        Assert.True(envelope.Length < json.Length / 4, $"{json.Length} bytes of JSON became {envelope.Length}.");
    }

    [Theory]
    [InlineData(511, false)]
    [InlineData(512, true)]
    public void Encode_ZerosAroundTheThreshold_CompressesFromTheThresholdOn(int size, bool compressed)
    {
        var envelope = Encrypting().Encode(new byte[size], Context);

        Assert.Equal(compressed, Header(envelope).IsCompressed);
    }

    [Fact]
    public void Encode_GainBelowTheMinimum_KeepsThePlaintext()
    {
        // Half random, half zeros: compression saves about 50%, which is not the 60% this writer asks for.
        var plaintext = RandomBytes(64 * KiB).Concat(new byte[64 * KiB]).ToArray();
        var demanding = new StateCodec(new StateCodecOptions { KeyProvider = Keys("key-a"), MinimumCompressionGain = 0.6 });

        Assert.False(Header(demanding.Encode(plaintext, Context)).IsCompressed);
        Assert.True(Header(Encrypting().Encode(plaintext, Context)).IsCompressed);
    }

    [Fact]
    public void Encode_SamePlaintextTwice_UsesDifferentNonces()
    {
        var codec = Encrypting();
        var plaintext = Text(KiB);

        var first = codec.Encode(plaintext, Context);
        var second = codec.Encode(plaintext, Context);

        var nonce = Header(first).Nonce;
        Assert.NotEqual(first.AsSpan()[nonce].ToArray(), second.AsSpan()[nonce].ToArray());
        Assert.NotEqual(first, second);
        Assert.Equal(codec.Decode(first, Context), codec.Decode(second, Context));
    }

    [Fact]
    public void Encode_Encrypted_HidesAMarkerThatAPlainEnvelopeShows()
    {
        var marker = Encoding.UTF8.GetBytes("MARKER-7f3a9c-do-not-leak");
        var plaintext = Encoding.UTF8.GetBytes("{\"secret\":\"").Concat(marker).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();

        var encrypted = Encrypting().Encode(plaintext, Context);
        var plain = Checksumming().Encode(plaintext, Context);

        Assert.False(Header(encrypted).IsCompressed);
        Assert.Equal(-1, encrypted.AsSpan().IndexOf(marker));
        Assert.NotEqual(-1, plain.AsSpan().IndexOf(marker));
    }
}
