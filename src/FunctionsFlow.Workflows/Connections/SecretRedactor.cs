using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>Replaces a connection's secret values wherever they show up in text meant to be kept: a response that
/// echoes the token, an error that quotes the URL.</summary>
public sealed class SecretRedactor
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "[redacted]";

    /// <summary>Values shorter than this are left alone (a one-letter user name would blot out every text).</summary>
    public const int MinLength = 3;

    private readonly string[] _values;

    /// <summary>A redactor of <paramref name="values"/>.</summary>
    public SecretRedactor(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values.Where(v => v.Length >= MinLength).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
    }

    /// <summary>A redactor that changes nothing.</summary>
    public static SecretRedactor None { get; } = new([]);

    /// <summary>True when <paramref name="text"/> holds a secret.</summary>
    public bool Finds(string text) => _values.Any(v => text.Contains(v, StringComparison.Ordinal));

    /// <summary>The text with every secret masked.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in _values)
        {
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Headers with every secret masked.</summary>
    public IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> headers) =>
        _values.Length == 0 ? headers : headers.ToDictionary(h => h.Key, h => Redact(h.Value), StringComparer.Ordinal);

    /// <summary>A JSON value with every secret masked in its strings and property names (whatever escapes it was written with).</summary>
    public JsonElement? Redact(JsonElement? json)
    {
        if (json is not { } value || _values.Length == 0)
        {
            return json;
        }

        var node = JsonNode.Parse(value.GetRawText());
        return Walk(node) ? JsonSerializer.SerializeToElement(node) : json;
    }

    /// <summary>Masks secrets in place; true when it changed something.</summary>
    private bool Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var changed = false;
                foreach (var (name, child) in obj.ToList())
                {
                    changed |= Walk(child);
                    if (Finds(name))
                    {
                        obj.Remove(name);
                        obj[Redact(name)] = child;
                        changed = true;
                    }
                }

                return changed;
            case JsonArray array:
                return array.ToList().Aggregate(false, (any, child) => Walk(child) | any);
            case JsonValue leaf when leaf.GetValueKind() == JsonValueKind.String && leaf.GetValue<string>() is var text && Finds(text):
                leaf.ReplaceWith(Redact(text));
                return true;
            default:
                return false;
        }
    }
}
