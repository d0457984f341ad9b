using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A JSON Schema written in a definition (a workflow's input, a <c>waitForInput</c> payload): parsed, and
/// kept as written so it can be shown to whoever must send a matching value.</summary>
public sealed class DeclaredSchema
{
    private readonly string _json;

    internal DeclaredSchema(JsonNode? document, JsonSchema schema)
    {
        _json = JsonValues.ToCompactJson(document);
        Schema = schema;
    }

    /// <summary>The parsed schema, ready to validate.</summary>
    public JsonSchema Schema { get; }

    /// <summary>A new copy of the schema document as written.</summary>
    public JsonNode? ToJsonNode() => JsonNode.Parse(_json);

    /// <summary>The schema as compact JSON.</summary>
    public override string ToString() => _json;
}
