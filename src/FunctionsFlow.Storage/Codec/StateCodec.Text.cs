using System.Text;

namespace FunctionsFlow.Storage.Codec;

public sealed partial class StateCodec
{
    /// <summary>The start of a text <see cref="ProtectText"/> encrypted.</summary>
    public const string ProtectedTextPrefix = "ffsc1:";

    /// <summary>A text to store in place of <paramref name="text"/>: when the codec encrypts, <c>ffsc1:</c> and the
    /// base64 of an envelope bound to <paramref name="context"/>; otherwise the text itself.</summary>
    public string ProtectText(string text, CodecContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Encrypts ? ProtectedTextPrefix + Convert.ToBase64String(Encode(Encoding.UTF8.GetBytes(text), context)) : text;
    }

    /// <summary>The text a stored one stands for: decoded when it starts with <c>ffsc1:</c>, else as it is (stored
    /// before encryption was turned on; no JSON text starts that way).</summary>
    /// <exception cref="StateCodecException">A protected text that does not decode (tampered, unknown key, moved).</exception>
    public string UnprotectText(string stored, CodecContext context)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(ProtectedTextPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        byte[] envelope;
        try
        {
            envelope = Convert.FromBase64String(stored[ProtectedTextPrefix.Length..]);
        }
        catch (FormatException ex)
        {
            throw new StateCodecException(StateCodecError.Malformed, "A protected text is not base64.", ex);
        }

        return Encoding.UTF8.GetString(Decode(envelope, context));
    }
}
