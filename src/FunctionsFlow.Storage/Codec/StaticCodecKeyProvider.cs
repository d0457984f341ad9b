using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace FunctionsFlow.Storage.Codec;

/// <summary>A fixed set of keys, for example from configuration.</summary>
/// <remarks>To rotate: add the new key, make it current, and keep the old one until nothing encrypted with it
/// remains; then remove it.</remarks>
public sealed class StaticCodecKeyProvider : ICodecKeyProvider
{
    private readonly FrozenDictionary<string, CodecKey> _keys;

    /// <summary>Creates a provider from its keys and the id of the current one.</summary>
    /// <exception cref="ArgumentException">Two keys share an id, or none has the current id.</exception>
    public StaticCodecKeyProvider(IEnumerable<CodecKey> keys, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(currentKeyId);
        var byId = new Dictionary<string, CodecKey>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            if (!byId.TryAdd(key.Id, key))
            {
                throw new ArgumentException($"Two codec keys have the id '{key.Id}'.", nameof(keys));
            }
        }

        if (!byId.TryGetValue(currentKeyId, out var current))
        {
            throw new ArgumentException($"No codec key has the current key id '{currentKeyId}'.", nameof(currentKeyId));
        }

        _keys = byId.ToFrozenDictionary(StringComparer.Ordinal);
        CurrentKey = current;
    }

    /// <inheritdoc />
    public CodecKey CurrentKey { get; }

    /// <summary>Creates a provider from configuration: base64 keys by id, and the id of the current one.</summary>
    /// <exception cref="ArgumentException">A key is not base64 of 32 bytes, an id is invalid, or the current id
    /// has no key.</exception>
    public static StaticCodecKeyProvider FromBase64(IEnumerable<KeyValuePair<string, string>> base64KeysById, string currentKeyId)
    {
        ArgumentNullException.ThrowIfNull(base64KeysById);
        var keys = new List<CodecKey>();
        foreach (var (id, base64) in base64KeysById)
        {
            var bytes = new byte[CodecKey.KeySize];
            try
            {
                if (!Convert.TryFromBase64String(base64 ?? string.Empty, bytes, out var length) || length != CodecKey.KeySize)
                {
                    throw new ArgumentException(
                        $"The codec key '{id}' is not the base64 form of 32 bytes.", nameof(base64KeysById));
                }

                keys.Add(new CodecKey(id, bytes));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(bytes);
            }
        }

        return new StaticCodecKeyProvider(keys, currentKeyId);
    }

    /// <inheritdoc />
    public bool TryGetKey(string keyId, [MaybeNullWhen(false)] out CodecKey key) => _keys.TryGetValue(keyId, out key);
}
