using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A JSON Schema written in a definition (a workflow's input, a <c>waitForInput</c> payload): parsed, and
/// kept as written so it can be shown to whoever must send a matching value.</summary>
public sealed class DeclaredSchema
{
    private readonly JsonSnapshot _written;

    internal DeclaredSchema(JsonNode? document, JsonSchema schema)
    {
        _written = JsonSnapshot.Of(document);
        Schema = schema;
    }

    /// <summary>The parsed schema, ready to validate.</summary>
    public JsonSchema Schema { get; }

    /// <summary>A new copy of the schema document as written.</summary>
    public JsonNode? ToJsonNode() => _written.ToNode();

    /// <summary>The schema as compact JSON.</summary>
    public override string ToString() => _written.Json;
}
