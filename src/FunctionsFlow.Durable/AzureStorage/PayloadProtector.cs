using FunctionsFlow.Storage.Codec;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Encrypts the texts the task hub stores (inputs, outputs, custom status, failures, outboxes, history and
/// queue messages) when the codec encrypts; otherwise leaves them as they are.</summary>
/// <remarks>Each text is bound to its instance and the property it is stored in (see
/// <see cref="StateCodec.ProtectText"/>); texts written before encryption was turned on still read.</remarks>
internal sealed class PayloadProtector(StateCodec codec)
{
    /// <summary>The text to store for <paramref name="text"/>.</summary>
    public string Protect(string text, string instanceId, string property) => codec.ProtectText(text, Context(instanceId, property));

    /// <summary>The text a stored one stands for.</summary>
    /// <exception cref="StateCodecException">A protected text that does not decode (tampered, wrong key, moved).</exception>
    public string Unprotect(string stored, string instanceId, string property) => codec.UnprotectText(stored, Context(instanceId, property));

    private static CodecContext Context(string instanceId, string property) => new(instanceId, CodecPurposes.Payload + ":" + property);
}
