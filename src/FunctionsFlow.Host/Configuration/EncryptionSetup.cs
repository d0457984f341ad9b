using FunctionsFlow.Storage.Codec;

namespace FunctionsFlow.Host.Configuration;

/// <summary>The state codec of the task hub, from <c>FunctionsFlow:Encryption</c>: with a key, checkpoints and every
/// payload the engine stores are encrypted (AES-256-GCM); without one they are compressed and checksummed only.</summary>
internal static class EncryptionSetup
{
    /// <summary>The id of the key when <c>FunctionsFlow:Encryption:KeyId</c> is not given.</summary>
    public const string DefaultKeyId = "k1";

    /// <summary>Builds the codec.</summary>
    /// <exception cref="InvalidOperationException">A key is not the base64 of 32 bytes, or an id is invalid.</exception>
    public static StateCodec CreateCodec(IConfiguration configuration)
    {
        var key = configuration[HostSettings.EncryptionKey];
        if (string.IsNullOrWhiteSpace(key))
        {
            return new StateCodec(new StateCodecOptions { Encrypt = false });
        }

        var currentId = configuration[HostSettings.EncryptionKeyId] is { Length: > 0 } id ? id : DefaultKeyId;
        var keys = new List<KeyValuePair<string, string>> { new(currentId, key.Trim()) };
        foreach (var pair in (configuration[HostSettings.EncryptionPreviousKeys] ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                throw new InvalidOperationException($"{HostSettings.EncryptionPreviousKeys} holds id=base64 pairs separated by ';'.");
            }

            keys.Add(new(pair[..at], pair[(at + 1)..]));
        }

        try
        {
            return new StateCodec(new StateCodecOptions { KeyProvider = StaticCodecKeyProvider.FromBase64(keys, currentId) });
        }
        catch (ArgumentException ex)
        {
            // The message names the key id, never the key.
            throw new InvalidOperationException($"The encryption settings are not usable: {ex.Message}", ex);
        }
    }
}
