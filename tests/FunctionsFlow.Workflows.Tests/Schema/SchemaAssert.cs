using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Tests.Schema;

internal static class SchemaAssert
{
    /// <summary>The errors of validating <paramref name="instance"/> against <paramref name="schema"/>, one "path: message" per line.</summary>
    public static string Errors(string schema, string instance) => Errors(JsonSchema.Parse(JsonNode.Parse(schema)), JsonNode.Parse(instance));

    public static string Errors(JsonSchema schema, JsonNode? instance) => string.Join("\n", schema.Validate(instance));

    /// <summary>The definition errors of <paramref name="schema"/>, one "path: message" per line.</summary>
    public static string DefinitionErrors(JsonNode? schema)
    {
        Assert.False(JsonSchema.TryParse(schema, out var parsed, out var errors));
        Assert.Null(parsed);
        return string.Join("\n", errors);
    }

    /// <summary>A schema nesting <paramref name="depth"/> schemas through <c>properties.a</c>, built without recursion.</summary>
    public static JsonObject NestedProperties(int depth)
    {
        var schema = new JsonObject();
        for (var i = 1; i < depth; i++)
        {
            schema = new JsonObject { ["properties"] = new JsonObject { ["a"] = schema } };
        }

        return schema;
    }
}
