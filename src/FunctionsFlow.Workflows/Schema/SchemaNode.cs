using System.Collections.Frozen;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>One parsed schema: the keywords it holds, checked and compiled, ready to validate with.</summary>
/// <remarks>An absent keyword is null (or empty) and does not constrain. Keywords about one kind of value
/// (<c>minimum</c> for numbers, <c>pattern</c> for strings...) let values of other kinds pass, as in JSON Schema.</remarks>
internal sealed partial class SchemaNode
{
    /// <summary>The schema <c>true</c>: anything is valid.</summary>
    public static SchemaNode AcceptAll { get; } = new() { Accepts = true };

    /// <summary>The schema <c>false</c>: nothing is valid.</summary>
    public static SchemaNode RejectAll { get; } = new() { Accepts = false };

    /// <summary>For a boolean schema, whether it accepts everything or nothing; null for an object schema.</summary>
    public bool? Accepts { get; init; }

    /// <summary>The allowed types; <see cref="SchemaType.None"/> allows any.</summary>
    public SchemaType Types { get; init; }

    /// <summary>The member names an object must have.</summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>The schemas of named members.</summary>
    public FrozenDictionary<string, SchemaNode> Properties { get; init; } = FrozenDictionary<string, SchemaNode>.Empty;

    /// <summary>The schema of members not named in <see cref="Properties"/>.</summary>
    public SchemaNode? AdditionalProperties { get; init; }

    /// <summary>The schema of every array item.</summary>
    public SchemaNode? Items { get; init; }

    /// <summary>The values allowed by <c>enum</c>.</summary>
    public IReadOnlyList<JsonNode?>? Enum { get; init; }

    /// <summary>True when the schema has <c>const</c>.</summary>
    public bool HasConst { get; init; }

    /// <summary>The one value allowed by <c>const</c>.</summary>
    public JsonNode? Const { get; init; }

    /// <summary>The inclusive lower bound of a number.</summary>
    public JsonNumber? Minimum { get; init; }

    /// <summary>The inclusive upper bound of a number.</summary>
    public JsonNumber? Maximum { get; init; }

    /// <summary>The exclusive lower bound of a number.</summary>
    public JsonNumber? ExclusiveMinimum { get; init; }

    /// <summary>The exclusive upper bound of a number.</summary>
    public JsonNumber? ExclusiveMaximum { get; init; }

    /// <summary>The fewest code points a string may have.</summary>
    public int? MinLength { get; init; }

    /// <summary>The most code points a string may have.</summary>
    public int? MaxLength { get; init; }

    /// <summary>The fewest items an array may have.</summary>
    public int? MinItems { get; init; }

    /// <summary>The most items an array may have.</summary>
    public int? MaxItems { get; init; }

    /// <summary>The regular expression a string must match somewhere (unanchored, as in JSON Schema).</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The format a string must be in.</summary>
    public StringFormat? Format { get; init; }
}
