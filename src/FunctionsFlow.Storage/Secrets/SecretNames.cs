namespace FunctionsFlow.Storage.Secrets;

/// <summary>What both stores accept as a secret's name and value: Key Vault's rules, so a name that works locally
/// works in Azure.</summary>
public static class SecretNames
{
    /// <summary>The longest name Key Vault accepts.</summary>
    public const int MaxLength = 127;

    /// <summary>The largest value stored, in UTF-8 bytes (Key Vault's limit is 25 KiB).</summary>
    public const int MaxValueBytes = 24 * 1024;

    /// <summary>True for 1 to 127 ASCII letters, digits and '-'.</summary>
    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    /// <summary>Throws unless <paramref name="name"/> is valid and <paramref name="secret"/> (when given) fits.</summary>
    /// <exception cref="ArgumentException">The name or the value breaks the rules.</exception>
    public static void Validate(string name, SecretWrite? secret = null)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException("A secret name is 1 to 127 ASCII letters, digits and '-'.", nameof(name));
        }

        if (secret is not null && (secret.Value.Length == 0 || System.Text.Encoding.UTF8.GetByteCount(secret.Value) > MaxValueBytes))
        {
            throw new ArgumentException($"A secret's value is 1 to {MaxValueBytes} bytes of UTF-8.", nameof(secret));
        }
    }
}
