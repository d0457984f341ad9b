using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>Reads a schema document into <see cref="SchemaNode"/>s, collecting every problem rather than stopping at the first.</summary>
internal sealed partial class SchemaReader
{
    /// <summary>How deeply schemas may nest inside one another.</summary>
    public const int MaxSchemaDepth = 32;

    /// <summary>How deeply a value in <c>enum</c> or <c>const</c> may nest.</summary>
    public const int MaxValueDepth = 64;

    private static readonly FrozenSet<string> Ignored =
        FrozenSet.Create(StringComparer.Ordinal, "description", "title", "default", "examples", "$schema");

    private readonly List<SchemaError> _errors = [];

    private SchemaReader()
    {
    }

    /// <summary>Reads <paramref name="schema"/>; the node is usable only when <paramref name="errors"/> is empty.</summary>
    public static SchemaNode Read(JsonNode? schema, out IReadOnlyList<SchemaError> errors)
    {
        var reader = new SchemaReader();
        var node = reader.ReadSchema(schema, JsonPath.Root, depth: 1);
        errors = reader._errors;
        return node;
    }

    private void Error(JsonPath path, string message) => _errors.Add(new SchemaError(path.ToString(), message));

    // Recursion follows the schema document and stops at MaxSchemaDepth.
    private SchemaNode ReadSchema(JsonNode? node, JsonPath path, int depth)
    {
        if (depth > MaxSchemaDepth)
        {
            Error(path, string.Create(CultureInfo.InvariantCulture, $"schemas are nested more than {MaxSchemaDepth} levels deep"));
            return SchemaNode.AcceptAll;
        }

        switch (node)
        {
            case JsonObject obj:
                return ReadObject(obj, path, depth);
            case JsonValue value when value.TryGetValue<bool>(out var accepts):
                return accepts ? SchemaNode.AcceptAll : SchemaNode.RejectAll;
            default:
                Error(path, $"a schema must be an object or a boolean but was {JsonValues.Describe(node)}");
                return SchemaNode.AcceptAll;
        }
    }

    private SchemaNode ReadObject(JsonObject obj, JsonPath path, int depth)
    {
        foreach (var (keyword, _) in obj)
        {
            if (!Ignored.Contains(keyword) && !Keywords.Contains(keyword))
            {
                Error(path.Member(keyword), keyword == "$ref"
                    ? "'$ref' is not supported: write the schema inline"
                    : $"'{keyword}' is not supported; supported keywords: {string.Join(", ", KeywordOrder)} " +
                      $"(and {string.Join(", ", Ignored.Order(StringComparer.Ordinal))}, which are ignored)");
            }
        }

        return new SchemaNode
        {
            Types = ReadTypes(obj, path),
            Required = ReadRequired(obj, path),
            Properties = ReadProperties(obj, path, depth),
            AdditionalProperties = ReadSubschema(obj, "additionalProperties", path, depth),
            Items = ReadItems(obj, path, depth),
            Enum = ReadEnum(obj, path),
            HasConst = ReadConst(obj, path, out var constant),
            Const = constant,
            Minimum = ReadNumber(obj, "minimum", path),
            Maximum = ReadNumber(obj, "maximum", path),
            ExclusiveMinimum = ReadNumber(obj, "exclusiveMinimum", path),
            ExclusiveMaximum = ReadNumber(obj, "exclusiveMaximum", path),
            MinLength = ReadCount(obj, "minLength", path),
            MaxLength = ReadCount(obj, "maxLength", path),
            MinItems = ReadCount(obj, "minItems", path),
            MaxItems = ReadCount(obj, "maxItems", path),
            Pattern = ReadPattern(obj, path),
            Format = ReadFormat(obj, path),
        };
    }
}
