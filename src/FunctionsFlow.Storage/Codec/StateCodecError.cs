namespace FunctionsFlow.Storage.Codec;

/// <summary>Why an envelope could not be decoded.</summary>
/// <remarks>The values are stable: they may be logged or stored.</remarks>
public enum StateCodecError
{
    /// <summary>The header is inconsistent (unknown flags, a bad key id, trailing or invalid compressed data).</summary>
    Malformed = 0,

    /// <summary>The envelope ends before its header does.</summary>
    Truncated = 1,

    /// <summary>The bytes do not start with the envelope's magic: they are not a state envelope.</summary>
    BadMagic = 2,

    /// <summary>The envelope has a format version this reader does not know.</summary>
    UnsupportedVersion = 3,

    /// <summary>The envelope was encrypted with a key id the key provider does not know.</summary>
    UnknownKey = 4,

    /// <summary>The AES-GCM tag did not verify: the envelope was altered, cut short, or belongs to another
    /// instance or purpose.</summary>
    AuthenticationFailed = 5,

    /// <summary>The checksum of an unencrypted envelope did not match: corruption, a codec bug, or another
    /// instance's or purpose's envelope.</summary>
    ChecksumMismatch = 6,

    /// <summary>The payload decompresses to more than the reader's limit.</summary>
    DecompressedSizeExceeded = 7,

    /// <summary>The envelope is unencrypted and the reader requires encryption.</summary>
    EncryptionRequired = 8,
}
