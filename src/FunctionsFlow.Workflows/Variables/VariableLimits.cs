using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FunctionsFlow.Workflows.Variables;

/// <summary>What a variable scope accepts. Keys are 1 to <see cref="MaxKeyLength"/> ASCII letters, digits and
/// <c>_ . -</c>, starting with a letter, digit or underscore; a value is any JSON up to <see cref="MaxValueBytes"/>
/// (UTF-8); a scope holds up to <see cref="MaxKeys"/> keys and <see cref="MaxScopeBytes"/> of values.</summary>
public sealed record VariableLimits
{
    /// <summary>The limits used unless configured otherwise.</summary>
    public static VariableLimits Default { get; } = new();

    /// <summary>The longest key.</summary>
    public int MaxKeyLength { get; init; } = 128;

    /// <summary>The largest value, as UTF-8 JSON.</summary>
    public int MaxValueBytes { get; init; } = 64 * 1024;

    /// <summary>The most keys in one scope.</summary>
    public int MaxKeys { get; init; } = 1000;

    /// <summary>The most bytes of values in one scope.</summary>
    public int MaxScopeBytes { get; init; } = 1024 * 1024;

    /// <summary>Throws <see cref="VariableLimitException"/> when <paramref name="key"/> is not a usable key.</summary>
    public void ValidateKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            throw new VariableLimitException(VariableLimitKind.InvalidKey, "A variable key must not be empty.");
        }

        if (key.Length > MaxKeyLength)
        {
            throw new VariableLimitException(VariableLimitKind.InvalidKey, $"A variable key must be at most {MaxKeyLength} characters.");
        }

        if (!(char.IsAsciiLetterOrDigit(key[0]) || key[0] == '_') || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw new VariableLimitException(VariableLimitKind.InvalidKey, "A variable key may contain only ASCII letters, digits, '_', '.' and '-', and must start with a letter, a digit or '_'.");
        }
    }

    /// <summary>The size of <paramref name="value"/> as UTF-8 JSON; throws <see cref="VariableLimitException"/> when it is over the limit.</summary>
    public int ValidateValue(JsonElement value)
    {
        var size = SizeOf(value);
        return size > MaxValueBytes
            ? throw new VariableLimitException(VariableLimitKind.ValueTooLarge, $"A variable value must be at most {MaxValueBytes} bytes of JSON; this one is {size}.")
            : size;
    }

    /// <summary>The size of a JSON value as compact UTF-8 (text counted as its UTF-8 bytes, not as escapes).</summary>
    internal static int SizeOf(JsonElement value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            value.WriteTo(writer);
        }

        return buffer.WrittenCount;
    }
}
