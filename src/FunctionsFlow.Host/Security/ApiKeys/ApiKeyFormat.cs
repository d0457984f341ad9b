using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace FunctionsFlow.Host.Security.ApiKeys;

/// <summary>What an API key looks like: <c>ffk_{id}_{secret}</c>, where the id is 12 lowercase letters and digits,
/// public (it names the key in the admin routes and in logs), and the secret is 32 bytes from a CSPRNG in base64url.
/// Only the SHA-256 hash of the whole key is stored.</summary>
/// <remarks>A fixed prefix lets secret scanners recognise leaked keys. The secret is random and 256 bits long, so an
/// unsalted fast hash is enough: there is nothing to guess.</remarks>
internal static class ApiKeyFormat
{
    public const string Prefix = "ffk_";
    public const int IdLength = 12;
    private const int SecretBytes = 32;
    private const int SecretLength = 43; // base64url of 32 bytes, unpadded
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>The length of every key.</summary>
    public static int Length => Prefix.Length + IdLength + 1 + SecretLength;

    /// <summary>A new key and its id.</summary>
    public static (string Id, string Key) Generate()
    {
        var id = RandomNumberGenerator.GetString(IdAlphabet, IdLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, $"{Prefix}{id}_{secret}");
    }

    /// <summary>True when <paramref name="id"/> can be a key id.</summary>
    public static bool IsValidId([NotNullWhen(true)] string? id) =>
        id is { Length: IdLength } && id.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    /// <summary>The id of a well-formed key; false for anything else.</summary>
    public static bool TryGetId(string presented, [NotNullWhen(true)] out string? id)
    {
        id = null;
        if (presented.Length != Length || !presented.StartsWith(Prefix, StringComparison.Ordinal) || presented[Prefix.Length + IdLength] != '_')
        {
            return false;
        }

        var candidate = presented.Substring(Prefix.Length, IdLength);
        var secret = presented.AsSpan(Prefix.Length + IdLength + 1);
        foreach (var c in secret)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_')
            {
                return false;
            }
        }

        id = IsValidId(candidate) ? candidate : null;
        return id is not null;
    }

    /// <summary>The stored form of a key: lowercase hex of SHA-256 of its text.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="presented"/> is the key whose hash is <paramref name="storedHash"/>, compared in
    /// constant time.</summary>
    public static bool Matches(string presented, string storedHash)
    {
        Span<byte> stored = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(storedHash, stored, out _, out var written) != OperationStatus.Done || written != stored.Length)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), stored);
    }
}
