using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Expressions.Values;

/// <summary>What a JSON value is, how it reads as a condition and how it reads as text.</summary>
/// <remarks>Shared by expressions and schemas so both speak of values in the same words.</remarks>
internal static class JsonValues
{
    // Compact JSON as an author expects to read it: "é" and "<" stay as they are rather than \u escapes. The
    // depth cap sits above any MaxValueDepth in use; callers check the depth of what they write first.
    private static readonly JsonSerializerOptions CompactOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 1_000,
    };

    /// <summary>The JSON kind of a value, JSON null included.</summary>
    /// <summary>A node over <paramref name="element"/> without copying it: objects and arrays are read lazily, as far as
    /// they are used (a step's 10 MiB output costs nothing more until an expression looks into it). The element must
    /// not belong to a document that gets disposed (elements read by <see cref="JsonSerializer"/> never do).</summary>
    public static JsonNode? ToNode(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(element),
    };

    public static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    /// <summary>The kind of a value in words, with its article: "a number", "an object", "null".</summary>
    public static string Describe(JsonNode? node) => Describe(KindOf(node));

    /// <inheritdoc cref="Describe(JsonNode?)"/>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>False for null, false, 0 and ""; true for everything else, empty arrays and objects included.</summary>
    public static bool IsTruthy(JsonNode? node) => KindOf(node) switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
        JsonValueKind.Number => !JsonNumber.TryRead(node, out var number) || !number.IsZero,
        JsonValueKind.String => TryGetString(node, out var text) && text.Length > 0,
        _ => true,
    };

    /// <summary>Reads a string node, whatever CLR type backs it.</summary>
    public static bool TryGetString(JsonNode? node, out string text)
    {
        text = string.Empty;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return false;
        }

        if (!value.TryGetValue(out string? direct))
        {
            // Backed by another CLR type (a Guid, a DateTime...): its JSON text is the string.
            using var document = JsonDocument.Parse(value.ToJsonString());
            direct = document.RootElement.GetString();
        }

        text = direct ?? string.Empty;
        return true;
    }

    /// <summary>The length of a string in Unicode code points (a surrogate pair counts once).</summary>
    public static int CountCodePoints(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    /// <summary>A value as it appears in text: a string as it is, null as nothing, anything else as compact JSON.</summary>
    public static string Render(JsonNode? node) => node switch
    {
        null => string.Empty,
        _ when TryGetString(node, out var text) => text,
        _ => ToCompactJson(node),
    };

    /// <summary>Compact JSON without escapes a reader does not need; the caller has checked the depth.</summary>
    public static string ToCompactJson(JsonNode? node) => node?.ToJsonString(CompactOptions) ?? "null";
}
