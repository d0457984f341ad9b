using System.Diagnostics.CodeAnalysis;

namespace FunctionsFlow.Storage.Codec;

/// <summary>The keys of the state codec: one current key for new writes, and every key still needed to read.</summary>
/// <remarks>Implementations are called on every encode and decode, from many threads: answer from memory.</remarks>
public interface ICodecKeyProvider
{
    /// <summary>The key new envelopes are encrypted with.</summary>
    CodecKey CurrentKey { get; }

    /// <summary>Finds the key an envelope names, current or retired.</summary>
    bool TryGetKey(string keyId, [MaybeNullWhen(false)] out CodecKey key);
}
