using System.Security.Cryptography;

namespace FunctionsFlow.Storage.Codec;

/// <summary>Turns state into the envelopes written to Blob storage, and back: compressed when that pays,
/// encrypted with AES-256-GCM (or checksummed when encryption is off), bound to an instance and a purpose.</summary>
/// <remarks>
/// <para>Envelope, format version 1 (multi-byte integers big-endian):</para>
/// <code>
/// offset  size  field
/// 0       4     magic "FFSC"
/// 4       1     format version (1)
/// 5       1     flags: bit 0 encrypted, bit 1 checksum (exactly one is set),
///               bits 2-3 compression (0 none, 1 Brotli, 2 Brotli in 1 MiB chunks), bits 4-7 zero
/// 6       1     key id length n (1-64 when encrypted, 0 when not)
/// 7       n     key id, [A-Za-z0-9._-]
/// 7+n     12    nonce, random per write (zeros when unencrypted)
/// 19+n    16    AES-GCM tag, or the first 16 bytes of the SHA-256 checksum
/// 35+n    rest  payload: the plaintext, Brotli-compressed when the flag says so, then encrypted
/// </code>
/// <para>The associated data (or checksum input before the payload) is bytes 0 to 19+n, then the instance id
/// and the purpose, each as a 4-byte length and UTF-8. Decoding validates the header, verifies the tag or
/// checksum, and only then decompresses, never past <see cref="StateCodecOptions.MaxDecompressedBytes"/>.</para>
/// <para>A codec is immutable and safe to share between threads.</para>
/// </remarks>
public sealed partial class StateCodec
{
    private readonly bool _encrypt;
    private readonly bool _requireEncryption;
    private readonly int _compressionThreshold;
    private readonly double _minimumCompressionGain;
    private readonly int _maxDecompressedBytes;
    private readonly ICodecKeyProvider? _keyProvider;

    /// <summary>Whether new envelopes are encrypted.</summary>
    public bool Encrypts => _encrypt;

    /// <summary>Creates a codec with the given options.</summary>
    /// <exception cref="ArgumentException">Encryption is on or required without a key provider, or a limit is
    /// out of range.</exception>
    public StateCodec(StateCodecOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if ((options.Encrypt || options.RequireEncryption) && options.KeyProvider is null)
        {
            throw new ArgumentException("Encryption needs a key provider (StateCodecOptions.KeyProvider).", nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.CompressionThreshold, nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDecompressedBytes, nameof(options));
        if (!(options.MinimumCompressionGain is >= 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MinimumCompressionGain must be at least 0 and below 1.");
        }

        _encrypt = options.Encrypt;
        _requireEncryption = options.RequireEncryption;
        _compressionThreshold = options.CompressionThreshold;
        _minimumCompressionGain = options.MinimumCompressionGain;
        _maxDecompressedBytes = options.MaxDecompressedBytes;
        _keyProvider = options.KeyProvider;
    }

    /// <summary>Encodes a plaintext into an envelope for an instance and a purpose.</summary>
    public byte[] Encode(ReadOnlySpan<byte> plaintext, CodecContext context)
    {
        ValidateContext(context);
        var key = _encrypt ? _keyProvider!.CurrentKey : null;
        using var compressed = TryCompress(plaintext);
        var payload = compressed is null ? plaintext : compressed.WrittenSpan;

        var flags = (key is null ? EnvelopeFlags.Checksum : EnvelopeFlags.Encrypted) |
            (compressed is null ? EnvelopeFlags.None : plaintext.Length >= BrotliChunks.MinimumPlainSize ? EnvelopeFlags.BrotliChunks : EnvelopeFlags.Brotli);
        var header = new EnvelopeHeader(flags, key?.Id ?? string.Empty);
        var envelope = new byte[header.Length + payload.Length];
        header.Write(envelope);
        var span = envelope.AsSpan();
        if (key is not null)
        {
            RandomNumberGenerator.Fill(span[header.Nonce]);
        }

        var associatedData = AssociatedData.Create(span[header.Authenticated], context);
        if (key is null)
        {
            payload.CopyTo(span[header.Payload]);
            PayloadProtection.WriteChecksum(associatedData, payload, span[header.Tag]);
        }
        else
        {
            PayloadProtection.Seal(key, associatedData, span[header.Nonce], payload, span[header.Payload], span[header.Tag]);
        }

        return envelope;
    }

    /// <summary>Decodes an envelope written for the same instance and purpose back into its plaintext.</summary>
    /// <exception cref="StateCodecException">The envelope is cut short, foreign, altered, encrypted with an
    /// unknown key, written for another context, unencrypted where encryption is required, or decompresses
    /// past the limit.</exception>
    public byte[] Decode(ReadOnlySpan<byte> envelope, CodecContext context)
    {
        ValidateContext(context);
        var header = EnvelopeHeader.Read(envelope);
        if (!header.IsEncrypted && _requireEncryption)
        {
            throw new StateCodecException(StateCodecError.EncryptionRequired, "The envelope is not encrypted, and this reader requires encryption.");
        }

        var associatedData = AssociatedData.Create(envelope[header.Authenticated], context);
        var payload = envelope[header.Payload];
        if (!header.IsEncrypted)
        {
            PayloadProtection.VerifyChecksum(associatedData, payload, envelope[header.Tag]);
            return header.IsCompressed ? header.Decompress(payload, _maxDecompressedBytes) : payload.ToArray();
        }

        if (_keyProvider is null || !_keyProvider.TryGetKey(header.KeyId, out var key))
        {
            throw new StateCodecException(StateCodecError.UnknownKey, $"The envelope was encrypted with key '{header.KeyId}', which is not known here.");
        }

        if (!header.IsCompressed)
        {
            var plaintext = new byte[payload.Length];
            PayloadProtection.Open(key, associatedData, envelope[header.Nonce], payload, envelope[header.Tag], plaintext);
            return plaintext;
        }

        using var decrypted = new PooledBuffer(payload.Length, payload.Length);
        PayloadProtection.Open(key, associatedData, envelope[header.Nonce], payload, envelope[header.Tag], decrypted.FreeSpan);
        decrypted.Advance(payload.Length);
        return header.Decompress(decrypted.WrittenSpan, _maxDecompressedBytes);
    }

    private PooledBuffer? TryCompress(ReadOnlySpan<byte> plaintext)
    {
        if (plaintext.IsEmpty || plaintext.Length < _compressionThreshold)
        {
            return null;
        }

        var budget = (int)(plaintext.Length * (1 - _minimumCompressionGain));
        return plaintext.Length >= BrotliChunks.MinimumPlainSize
            ? BrotliChunks.TryCompress(plaintext, budget)
            : BrotliCompression.TryCompress(plaintext, budget);
    }

    private static void ValidateContext(CodecContext context)
    {
        if (string.IsNullOrEmpty(context.InstanceId) || string.IsNullOrEmpty(context.Purpose))
        {
            throw new ArgumentException("A codec context needs an instance id and a purpose.", nameof(context));
        }
    }
}
