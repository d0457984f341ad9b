using System.Security.Cryptography;
using System.Text;

namespace FunctionsFlow.Workflows.Suspension;

/// <summary>How suspension keys are made, written and looked up.</summary>
/// <remarks>A key is 32 bytes: HMAC-SHA256 under the app's suspension secret of a fresh 32-byte nonce from a CSPRNG
/// and the wait it opens (instance, execution, step). Only its SHA-256 hash and the nonce are stored: the hash finds
/// the wait when the key comes back; the nonce lets the app derive the key again for the wait's owner, so the owner
/// can read the resume link while nobody who reads storage (or history, or logs) learns it.</remarks>
public static class SuspensionKeys
{
    /// <summary>The length of a key, and of a nonce.</summary>
    public const int Length = 32;

    /// <summary>A fresh nonce.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(Length);

    /// <summary>The key of a wait.</summary>
    public static byte[] Derive(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> nonce, string instanceId, string executionId, string stepId)
    {
        var binding = Encoding.UTF8.GetBytes($"{instanceId}\n{executionId}\n{stepId}\n");
        var message = new byte[nonce.Length + binding.Length];
        nonce.CopyTo(message);
        binding.CopyTo(message.AsSpan(nonce.Length));
        return HMACSHA256.HashData(secret, message);
    }

    /// <summary>A key as it appears in a resume link (base64url, no padding).</summary>
    public static string Encode(ReadOnlySpan<byte> key) => Convert.ToBase64String(key).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The lookup hash of a key as given in a link: lower-case hex of SHA-256 of its bytes. A malformed or
    /// non-canonical key hashes too (its text), so it costs the same as a well-formed one and simply finds nothing.</summary>
    public static string HashOf(string presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        Span<byte> bytes = stackalloc byte[Length];
        var normal = presented.Replace('-', '+').Replace('_', '/');
        var padded = normal.Length % 4 == 0 ? normal : normal + new string('=', 4 - (normal.Length % 4));
        // Only the canonical spelling of a key decodes: the last character carries two unused bits, and a spelling
        // that differs there must not open the same wait.
        var decoded = presented.Length == 43 && Convert.TryFromBase64String(padded, bytes, out var written) && written == Length &&
            string.Equals(Encode(bytes), presented, StringComparison.Ordinal);
        return Convert.ToHexStringLower(decoded ? SHA256.HashData(bytes) : SHA256.HashData(Encoding.UTF8.GetBytes("malformed:" + presented)));
    }

    /// <summary>The lookup hash of key bytes.</summary>
    public static string HashOf(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key));
}
