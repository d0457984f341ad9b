using System.Text;
using FunctionsFlow.Storage.Codec;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Encrypts the texts the task hub stores (inputs, outputs, custom status, failures, outboxes, history and
/// queue messages) when the codec encrypts; otherwise leaves them as they are.</summary>
/// <remarks>A protected text is <c>ffsc1:</c> and the base64 of a codec envelope bound to the instance and the
/// property it is stored in. Texts without the prefix read as they are, so a task hub written before encryption was
/// turned on stays readable (no JSON text starts with <c>f</c> then <c>f</c>).</remarks>
internal sealed class PayloadProtector(StateCodec codec)
{
    private const string Prefix = "ffsc1:";

    /// <summary>The text to store for <paramref name="text"/>.</summary>
    public string Protect(string text, string instanceId, string property) =>
        codec.Encrypts ? Prefix + Convert.ToBase64String(codec.Encode(Encoding.UTF8.GetBytes(text), Context(instanceId, property))) : text;

    /// <summary>The text a stored one stands for.</summary>
    /// <exception cref="StateCodecException">A protected text that does not decode (tampered, wrong key, moved).</exception>
    public string Unprotect(string stored, string instanceId, string property) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal)
            ? Encoding.UTF8.GetString(codec.Decode(Convert.FromBase64String(stored[Prefix.Length..]), Context(instanceId, property)))
            : stored;

    private static CodecContext Context(string instanceId, string property) => new(instanceId, CodecPurposes.Payload + ":" + property);
}
