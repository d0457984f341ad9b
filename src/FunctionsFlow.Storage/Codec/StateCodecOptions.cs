namespace FunctionsFlow.Storage.Codec;

/// <summary>How the state codec writes and what it accepts when it reads.</summary>
/// <remarks>The codec copies these values when it is created; changing the options later has no effect on it.</remarks>
public sealed class StateCodecOptions
{
    /// <summary>The default of <see cref="CompressionThreshold"/>: 512 bytes.</summary>
    public const int DefaultCompressionThreshold = 512;

    /// <summary>The default of <see cref="MinimumCompressionGain"/>: 10%.</summary>
    public const double DefaultMinimumCompressionGain = 0.10;

    /// <summary>The default of <see cref="MaxDecompressedBytes"/>: 64 MiB.</summary>
    public const int DefaultMaxDecompressedBytes = 64 * 1024 * 1024;

    /// <summary>Whether new envelopes are encrypted with the current key (on by default; requires
    /// <see cref="KeyProvider"/>). When off, envelopes carry a checksum instead.</summary>
    public bool Encrypt { get; set; } = true;

    /// <summary>Whether decoding refuses unencrypted envelopes (off by default, so state written before
    /// encryption was turned on stays readable).</summary>
    public bool RequireEncryption { get; set; }

    /// <summary>Plaintexts shorter than this many bytes are never compressed.</summary>
    public int CompressionThreshold { get; set; } = DefaultCompressionThreshold;

    /// <summary>The fraction of the plaintext's size compression must save for the compressed form to be
    /// kept, from 0 (any saving) to below 1.</summary>
    public double MinimumCompressionGain { get; set; } = DefaultMinimumCompressionGain;

    /// <summary>The most bytes a payload may decompress to; decompression stops at this limit.</summary>
    public int MaxDecompressedBytes { get; set; } = DefaultMaxDecompressedBytes;

    /// <summary>The keys: the current one encrypts, every known one decrypts.</summary>
    public ICodecKeyProvider? KeyProvider { get; set; }
}
