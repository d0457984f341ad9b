using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A JSON value frozen as compact text, so an immutable model can hand out fresh copies of what was written.</summary>
internal readonly record struct JsonSnapshot(string Json)
{
    /// <summary>Freezes <paramref name="value"/> as it is now.</summary>
    public static JsonSnapshot Of(JsonNode? value) => new(JsonValues.ToCompactJson(value));

    /// <summary>A new copy of the value.</summary>
    public JsonNode? ToNode() => JsonNode.Parse(Json);

    /// <inheritdoc />
    public override string ToString() => Json;
}
