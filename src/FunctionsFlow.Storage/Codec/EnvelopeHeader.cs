using System.Text;

namespace FunctionsFlow.Storage.Codec;

/// <summary>The header of an envelope: what it says and where each field sits.</summary>
/// <remarks>Layout (version 1): magic <c>FFSC</c> (4 bytes), version (1), flags (1), key id length (1), key id
/// (0-64 bytes of <c>[A-Za-z0-9._-]</c>, empty when unencrypted), nonce (12), tag or checksum (16), payload
/// (the rest). Everything before the tag is authenticated.</remarks>
internal readonly record struct EnvelopeHeader(EnvelopeFlags Flags, string KeyId)
{
    /// <summary>The format version this codec writes and reads.</summary>
    public const byte CurrentVersion = 1;

    public const int NonceSize = 12;

    public const int TagSize = 16;

    private const int PrefixSize = 7;

    private const EnvelopeFlags KnownFlags = EnvelopeFlags.Encrypted | EnvelopeFlags.Checksum | EnvelopeFlags.Brotli | EnvelopeFlags.BrotliChunks;

    private static ReadOnlySpan<byte> Magic => "FFSC"u8;

    public bool IsEncrypted => (Flags & EnvelopeFlags.Encrypted) != 0;

    public bool IsCompressed => (Flags & (EnvelopeFlags.Brotli | EnvelopeFlags.BrotliChunks)) != 0;

    /// <summary>Decompresses a payload the way its flags say.</summary>
    public byte[] Decompress(ReadOnlySpan<byte> payload, int maxLength) => (Flags & EnvelopeFlags.BrotliChunks) != 0
        ? BrotliChunks.Decompress(payload, maxLength)
        : BrotliCompression.Decompress(payload, maxLength);

    /// <summary>The header's size, which is where the payload starts.</summary>
    public int Length => PrefixSize + KeyId.Length + NonceSize + TagSize;

    /// <summary>The authenticated part: magic through nonce.</summary>
    public Range Authenticated => ..(Length - TagSize);

    public Range Nonce => (Length - TagSize - NonceSize)..(Length - TagSize);

    public Range Tag => (Length - TagSize)..Length;

    public Range Payload => Length..;

    /// <summary>Writes magic, version, flags and key id; the nonce, tag and payload are the caller's.</summary>
    public void Write(Span<byte> envelope)
    {
        Magic.CopyTo(envelope);
        envelope[4] = CurrentVersion;
        envelope[5] = (byte)Flags;
        envelope[6] = (byte)KeyId.Length;
        Encoding.UTF8.GetBytes(KeyId, envelope[PrefixSize..]);
    }

    /// <summary>Reads and validates the header of an envelope.</summary>
    /// <exception cref="StateCodecException">The header is cut short, foreign, of another version or inconsistent.</exception>
    public static EnvelopeHeader Read(ReadOnlySpan<byte> envelope)
    {
        var magicLength = Math.Min(envelope.Length, Magic.Length);
        if (!envelope[..magicLength].SequenceEqual(Magic[..magicLength]))
        {
            throw Error(StateCodecError.BadMagic, "The data is not a state envelope.");
        }

        if (envelope.Length < PrefixSize)
        {
            throw Truncated();
        }

        if (envelope[4] != CurrentVersion)
        {
            throw Error(StateCodecError.UnsupportedVersion, $"The envelope has format version {envelope[4]}; this reader knows version {CurrentVersion}.");
        }

        var flags = (EnvelopeFlags)envelope[5];
        var encrypted = (flags & EnvelopeFlags.Encrypted) != 0;
        if ((flags & ~KnownFlags) != 0 || encrypted == ((flags & EnvelopeFlags.Checksum) != 0)
            || (flags & (EnvelopeFlags.Brotli | EnvelopeFlags.BrotliChunks)) == (EnvelopeFlags.Brotli | EnvelopeFlags.BrotliChunks))
        {
            throw Error(StateCodecError.Malformed, "The envelope's flags are not valid.");
        }

        int keyIdLength = envelope[6];
        if (encrypted ? keyIdLength is 0 or > CodecKey.MaxIdLength : keyIdLength != 0)
        {
            throw Error(StateCodecError.Malformed, "The envelope's key id length does not fit its flags.");
        }

        if (envelope.Length < PrefixSize + keyIdLength + NonceSize + TagSize)
        {
            throw Truncated();
        }

        var keyId = Encoding.UTF8.GetString(envelope.Slice(PrefixSize, keyIdLength));
        if (encrypted && !CodecKey.IsValidId(keyId))
        {
            throw Error(StateCodecError.Malformed, "The envelope's key id has characters a key id cannot have.");
        }

        return new EnvelopeHeader(flags, keyId);
    }

    private static StateCodecException Truncated() =>
        Error(StateCodecError.Truncated, "The envelope ends before its header does.");

    private static StateCodecException Error(StateCodecError error, string message) => new(error, message);
}
