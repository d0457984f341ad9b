using System.Security.Cryptography;

namespace FunctionsFlow.Storage.Codec;

/// <summary>Seals a payload with AES-256-GCM, or guards it with a checksum when encryption is off.</summary>
internal static class PayloadProtection
{
    public static void Seal(
        CodecKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        using var aes = new AesGcm(key.Key.Span, EnvelopeHeader.TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
    }

    /// <exception cref="StateCodecException">The tag does not verify (<see cref="StateCodecError.AuthenticationFailed"/>).</exception>
    public static void Open(
        CodecKey key, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        using var aes = new AesGcm(key.Key.Span, EnvelopeHeader.TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext, associatedData);
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new StateCodecException(
                StateCodecError.AuthenticationFailed,
                "The envelope failed authentication: it was altered or cut short, or it belongs to another instance or purpose.",
                e);
        }
    }

    /// <summary>Writes the first 16 bytes of SHA-256 over the associated data and the payload.</summary>
    public static void WriteChecksum(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(associatedData);
        hash.AppendData(payload);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hash.GetHashAndReset(digest);
        digest[..EnvelopeHeader.TagSize].CopyTo(destination);
    }

    /// <exception cref="StateCodecException">The checksum does not match (<see cref="StateCodecError.ChecksumMismatch"/>).</exception>
    public static void VerifyChecksum(ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> expected)
    {
        Span<byte> actual = stackalloc byte[EnvelopeHeader.TagSize];
        WriteChecksum(associatedData, payload, actual);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            throw new StateCodecException(
                StateCodecError.ChecksumMismatch,
                "The envelope's checksum does not match: it is corrupt, or it belongs to another instance or purpose.");
        }
    }
}
