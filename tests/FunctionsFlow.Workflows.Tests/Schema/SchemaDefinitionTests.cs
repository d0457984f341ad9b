using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Tests.Schema;

public sealed class SchemaDefinitionTests
{
    private const string Supported =
        "supported keywords: type, required, properties, additionalProperties, items, enum, const, minimum, maximum, " +
        "exclusiveMinimum, exclusiveMaximum, minLength, maxLength, minItems, maxItems, pattern, format " +
        "(and $schema, default, description, examples, title, which are ignored)";

    [Fact]
    public void Parse_MisspelledType_ThrowsWithTheSchemaPath()
    {
        var schema = JsonNode.Parse("""{"type": "object", "properties": {"amount": {"type": "numbr"}}}""");

        var error = Assert.Throws<SchemaDefinitionException>(() => JsonSchema.Parse(schema));

        var only = Assert.Single(error.Errors);
        Assert.Equal("$.properties.amount.type", only.Path);
        Assert.Equal("'numbr' is not a type; use one of object, array, string, number, integer, boolean, null", only.Message);
        Assert.Equal(
            "The schema is not valid:" + Environment.NewLine +
            "$.properties.amount.type: 'numbr' is not a type; use one of object, array, string, number, integer, boolean, null",
            error.Message);
    }

    [Fact]
    public void TryParse_SchemaWithManyProblems_ListsEveryOneWithItsPath()
    {
        var schema = JsonNode.Parse("""
            {
              "oneOf": [], "$ref": "#/definitions/x",
              "type": ["string", 5, "text"], "required": "a", "properties": {"a b": {"minimum": "1"}, "c": 7},
              "items": [{}], "enum": [], "minLength": -1, "maxItems": 1.5, "pattern": "(", "format": "ipv4",
              "additionalProperties": {"type": []}
            }
            """);

        Assert.Equal(
            $"""
            $.oneOf: 'oneOf' is not supported; {Supported}
            $['$ref']: '$ref' is not supported: write the schema inline
            $.type[1]: must be a type name but was a number
            $.type[2]: 'text' is not a type; use one of object, array, string, number, integer, boolean, null
            $.required: must be an array of property names but was a string
            $.properties['a b'].minimum: must be a number but was a string
            $.properties.c: a schema must be an object or a boolean but was a number
            $.additionalProperties.type: must name at least one type
            $.items: must be one schema for every item; arrays of schemas (tuples) are not supported
            $.enum: must list at least one value
            $.minLength: must be a whole number of at least 0 but was -1
            $.maxItems: must be a whole number of at least 0 but was 1.5
            """.ReplaceLineEndings("\n"),
            string.Join("\n", SchemaAssert.DefinitionErrors(schema).Split('\n').Take(12)));
        Assert.Matches(
            @"^\$\.pattern: is not a valid regular expression: .+\n\$\.format: 'ipv4' is not a supported format; use date-time, email, uri$",
            string.Join("\n", SchemaAssert.DefinitionErrors(schema).Split('\n').Skip(12)));
    }

    [Theory]
    [InlineData("5", "$: a schema must be an object or a boolean but was a number")]
    [InlineData("null", "$: a schema must be an object or a boolean but was null")]
    [InlineData("""{"items": {"allOf": []}}""", "$.items.allOf: 'allOf' is not supported; " + Supported)]
    [InlineData("""{"required": ["a", "a", 1]}""", "$.required[1]: 'a' is listed twice\n$.required[2]: must be a property name but was a number")]
    [InlineData("""{"properties": []}""", "$.properties: must be an object mapping property names to schemas but was an array")]
    [InlineData("""{"pattern": 5}""", "$.pattern: must be a string but was a number")]
    public void TryParse_InvalidSchema_ReportsPathAndMessage(string schema, string expected)
    {
        Assert.Equal(expected, SchemaAssert.DefinitionErrors(JsonNode.Parse(schema)));
    }

    [Fact]
    public void TryParse_PatternNeedingBacktracking_IsADefinitionError()
    {
        var errors = SchemaAssert.DefinitionErrors(JsonNode.Parse("""{"properties": {"code": {"pattern": "(a)\\1"}}}"""));

        Assert.StartsWith(
            "$.properties.code.pattern: uses a construct that is not supported here (such as a backreference, a lookaround or an atomic group): ",
            errors, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ValidSchema_ReturnsTheSchemaAndNoErrors()
    {
        Assert.True(JsonSchema.TryParse(JsonNode.Parse("""{"type": "string", "pattern": "^a"}"""), out var schema, out var errors));

        Assert.Empty(errors);
        Assert.True(schema.IsValid(JsonValue.Create("abc")));
        Assert.False(schema.IsValid(JsonValue.Create("cba")));
    }
}
