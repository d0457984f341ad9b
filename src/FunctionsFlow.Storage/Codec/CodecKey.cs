using System.Buffers;

namespace FunctionsFlow.Storage.Codec;

/// <summary>An AES-256 key with the id that envelopes encrypted under it carry.</summary>
/// <remarks>The key bytes are copied on construction, so the caller may wipe its array afterwards.
/// <see cref="ToString"/> shows the id only.</remarks>
public sealed class CodecKey
{
    /// <summary>The size of a key in bytes (AES-256).</summary>
    public const int KeySize = 32;

    /// <summary>The longest key id.</summary>
    public const int MaxIdLength = 64;

    private static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-");

    private readonly byte[] _key;

    /// <summary>Creates a key from its id and its 32 bytes.</summary>
    /// <exception cref="ArgumentException">The id is not 1 to 64 characters of <c>[A-Za-z0-9._-]</c>, or the
    /// key is not 32 bytes long.</exception>
    public CodecKey(string id, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(key);
        if (!IsValidId(id))
        {
            throw new ArgumentException(
                "A key id has 1 to 64 characters, each a letter, a digit, '.', '_' or '-'.", nameof(id));
        }

        if (key.Length != KeySize)
        {
            throw new ArgumentException("A codec key has exactly 32 bytes (AES-256).", nameof(key));
        }

        Id = id;
        _key = key.ToArray();
    }

    /// <summary>The id written into every envelope encrypted with this key.</summary>
    public string Id { get; }

    /// <summary>The key bytes.</summary>
    public ReadOnlyMemory<byte> Key => _key;

    /// <summary>The key id; never the key.</summary>
    public override string ToString() => Id;

    /// <summary>True when an id has 1 to 64 characters from <c>[A-Za-z0-9._-]</c>.</summary>
    internal static bool IsValidId(ReadOnlySpan<char> id) =>
        id.Length is >= 1 and <= MaxIdLength && !id.ContainsAnyExcept(IdCharacters);
}
