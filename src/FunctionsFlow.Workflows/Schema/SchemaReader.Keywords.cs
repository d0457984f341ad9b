using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>One reader per keyword: each checks the keyword's value, reports problems at its path, and compiles it.</summary>
internal sealed partial class SchemaReader
{
    // Patterns run on the non-backtracking engine (linear time); the timeout is a second line of defence.
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    private static readonly string[] KeywordOrder =
    [
        "type", "required", "properties", "additionalProperties", "items", "enum", "const", "minimum", "maximum",
        "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems", "pattern", "format",
    ];

    private static readonly FrozenSet<string> Keywords = KeywordOrder.ToFrozenSet(StringComparer.Ordinal);

    private SchemaType ReadTypes(JsonObject obj, JsonPath path)
    {
        if (!obj.TryGetPropertyValue("type", out var value))
        {
            return SchemaType.None;
        }

        var at = path.Member("type");
        if (value is not JsonArray names)
        {
            return ReadTypeName(value, at, "a type name or an array of type names");
        }

        if (names.Count == 0)
        {
            Error(at, "must name at least one type");
        }

        return names.Select((name, i) => ReadTypeName(name, at.Item(i), "a type name")).Aggregate(SchemaType.None, (all, type) => all | type);
    }

    private SchemaType ReadTypeName(JsonNode? value, JsonPath path, string expected)
    {
        if (!JsonValues.TryGetString(value, out var name))
        {
            Error(path, $"must be {expected} but was {JsonValues.Describe(value)}");
            return SchemaType.None;
        }

        if (!SchemaTypes.TryParse(name, out var type))
        {
            Error(path, $"'{name}' is not a type; use one of {SchemaTypes.Names}");
        }

        return type;
    }

    private IReadOnlyList<string> ReadRequired(JsonObject obj, JsonPath path)
    {
        var names = ReadArray(obj, "required", path, "an array of property names");
        var result = new List<string>();
        for (var i = 0; i < names?.Count; i++)
        {
            if (!JsonValues.TryGetString(names[i], out var name))
            {
                Error(path.Member("required").Item(i), $"must be a property name but was {JsonValues.Describe(names[i])}");
            }
            else if (result.Contains(name))
            {
                Error(path.Member("required").Item(i), $"'{name}' is listed twice");
            }
            else
            {
                result.Add(name);
            }
        }

        return result;
    }

    private FrozenDictionary<string, SchemaNode> ReadProperties(JsonObject obj, JsonPath path, int depth)
    {
        if (!obj.TryGetPropertyValue("properties", out var value))
        {
            return FrozenDictionary<string, SchemaNode>.Empty;
        }

        var at = path.Member("properties");
        if (value is not JsonObject properties)
        {
            Error(at, $"must be an object mapping property names to schemas but was {JsonValues.Describe(value)}");
            return FrozenDictionary<string, SchemaNode>.Empty;
        }

        return properties.ToFrozenDictionary(
            property => property.Key, property => ReadSchema(property.Value, at.Member(property.Key), depth + 1), StringComparer.Ordinal);
    }

    private SchemaNode? ReadSubschema(JsonObject obj, string keyword, JsonPath path, int depth) =>
        obj.TryGetPropertyValue(keyword, out var value) ? ReadSchema(value, path.Member(keyword), depth + 1) : null;

    private SchemaNode? ReadItems(JsonObject obj, JsonPath path, int depth)
    {
        if (obj["items"] is JsonArray)
        {
            Error(path.Member("items"), "must be one schema for every item; arrays of schemas (tuples) are not supported");
            return null;
        }

        return ReadSubschema(obj, "items", path, depth);
    }

    private List<JsonNode?>? ReadEnum(JsonObject obj, JsonPath path)
    {
        var values = ReadArray(obj, "enum", path, "a non-empty array of values");
        if (values?.Count == 0)
        {
            Error(path.Member("enum"), "must list at least one value");
        }

        var copies = new List<JsonNode?>();
        for (var i = 0; i < values?.Count; i++)
        {
            if (TryCopyValue(values[i], path.Member("enum").Item(i), out var copy))
            {
                copies.Add(copy);
            }
        }

        return values is null ? null : copies;
    }

    private bool ReadConst(JsonObject obj, JsonPath path, out JsonNode? constant)
    {
        constant = null;
        return obj.TryGetPropertyValue("const", out var value) && TryCopyValue(value, path.Member("const"), out constant);
    }

    // A private copy, walked once so that every lazily parsed array and object in it is built now: validations
    // on several threads then only read it.
    private bool TryCopyValue(JsonNode? value, JsonPath path, out JsonNode? copy)
    {
        copy = null;
        if (!JsonTree.TryMeasure(value, MaxValueDepth, out _))
        {
            Error(path, string.Create(CultureInfo.InvariantCulture, $"is nested more than {MaxValueDepth} levels deep"));
            return false;
        }

        copy = value?.DeepClone();
        JsonTree.TryMeasure(copy, MaxValueDepth, out _);
        return true;
    }

    private JsonArray? ReadArray(JsonObject obj, string keyword, JsonPath path, string expected) =>
        TryRead(obj, keyword, path, expected, value => (value is JsonArray, value as JsonArray), out var array) ? array : null;

    private JsonNumber? ReadNumber(JsonObject obj, string keyword, JsonPath path) =>
        TryRead(obj, keyword, path, "a number", value => (JsonNumber.TryRead(value, out var number), number), out var number) ? number : null;

    private string? ReadString(JsonObject obj, string keyword, JsonPath path) =>
        TryRead(obj, keyword, path, "a string", value => (JsonValues.TryGetString(value, out var text), text), out var text) ? text : null;

    // False when the keyword is absent, or present but not convertible (then reported as "must be <expected>").
    private bool TryRead<T>(JsonObject obj, string keyword, JsonPath path, string expected, Func<JsonNode?, (bool, T)> convert, out T result)
    {
        result = default!;
        if (!obj.TryGetPropertyValue(keyword, out var value))
        {
            return false;
        }

        (var converted, result) = convert(value);
        if (!converted)
        {
            Error(path.Member(keyword), $"must be {expected} but was {JsonValues.Describe(value)}");
        }

        return converted;
    }

    private int? ReadCount(JsonObject obj, string keyword, JsonPath path)
    {
        var number = ReadNumber(obj, keyword, path);
        if (number is not { } count)
        {
            return null;
        }

        if (count.IsInteger && count.Double is >= 0 and <= int.MaxValue)
        {
            return (int)count.Double;
        }

        Error(path.Member(keyword), $"must be a whole number of at least 0 but was {count}");
        return null;
    }

    private Regex? ReadPattern(JsonObject obj, JsonPath path)
    {
        var text = ReadString(obj, "pattern", path);
        try
        {
            return text is null ? null : new Regex(text, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (ArgumentException ex)
        {
            Error(path.Member("pattern"), $"is not a valid regular expression: {ex.Message}");
        }
        catch (NotSupportedException ex)
        {
            Error(path.Member("pattern"), $"uses a construct that is not supported here (such as a backreference, a lookaround or an atomic group): {ex.Message}");
        }

        return null;
    }

    private StringFormat? ReadFormat(JsonObject obj, JsonPath path)
    {
        var name = ReadString(obj, "format", path);
        if (name is null)
        {
            return null;
        }

        if (StringFormats.TryParse(name, out var format))
        {
            return format;
        }

        Error(path.Member("format"), $"'{name}' is not a supported format; use {StringFormats.Names}");
        return null;
    }
}
