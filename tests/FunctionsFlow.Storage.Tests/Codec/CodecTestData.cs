using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FunctionsFlow.Storage.Codec;

namespace FunctionsFlow.Storage.Tests.Codec;

/// <summary>Keys, contexts, codecs and payloads shared by the codec tests.</summary>
internal static class CodecTestData
{
    public const int KiB = 1024;
    public const int MiB = 1024 * KiB;

    public static readonly CodecContext Context = new("order-4711", CodecPurposes.Checkpoint);

    /// <summary>A key whose bytes are derived from its id, so two tests that name the same key agree.</summary>
    public static CodecKey Key(string id) => new(id, SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    public static StaticCodecKeyProvider Keys(string currentKeyId, params string[] otherKeyIds) =>
        new([Key(currentKeyId), .. otherKeyIds.Select(Key)], currentKeyId);

    public static StateCodec Encrypting(ICodecKeyProvider? keys = null, int maxDecompressedBytes = StateCodecOptions.DefaultMaxDecompressedBytes) =>
        new(new StateCodecOptions { KeyProvider = keys ?? Keys("key-a"), MaxDecompressedBytes = maxDecompressedBytes });

    public static StateCodec Checksumming(bool requireEncryption = false, ICodecKeyProvider? keys = null) =>
        new(new StateCodecOptions { Encrypt = false, RequireEncryption = requireEncryption, KeyProvider = keys });

    public static StateCodec CodecFor(bool encrypt) => encrypt ? Encrypting() : Checksumming();

    /// <summary>Repetitive text of exactly <paramref name="size"/> bytes, like serialized state.</summary>
    public static byte[] Text(int size)
    {
        var text = new StringBuilder(size + 128);
        for (var i = 0; text.Length < size; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{{\"id\":{i},\"name\":\"customer-{i % 97}\",\"status\":\"active\",\"total\":{i * 7 % 1000}.25}},");
        }

        return Encoding.UTF8.GetBytes(text.ToString(0, size));
    }

    /// <summary>Bytes no compressor can shrink, the same for the same seed.</summary>
    public static byte[] RandomBytes(int size, int seed = 42)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static EnvelopeHeader Header(byte[] envelope) => EnvelopeHeader.Read(envelope);

    public static byte[] FlipBit(byte[] envelope, int offset, byte mask)
    {
        var copy = envelope.ToArray();
        copy[offset] ^= mask;
        return copy;
    }

    public static StateCodecError DecodeError(StateCodec codec, byte[] envelope, CodecContext? context = null) =>
        Assert.Throws<StateCodecException>(() => codec.Decode(envelope, context ?? Context)).Error;
}
