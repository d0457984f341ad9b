using System.Diagnostics;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;
using FunctionsFlow.Workflows.Tests.Expressions;

namespace FunctionsFlow.Workflows.Tests.Schema;

public sealed class SchemaHostileInputTests
{
    [Fact]
    public void TryParse_SchemaNested10000Deep_StopsAtTheDepthLimit()
    {
        var errors = SchemaAssert.DefinitionErrors(SchemaAssert.NestedProperties(10_000));

        Assert.Equal(
            "$" + string.Concat(Enumerable.Repeat(".properties.a", 32)) + ": schemas are nested more than 32 levels deep",
            errors);
    }

    [Fact]
    public void Parse_SchemaNested32Deep_IsAccepted()
    {
        var schema = JsonSchema.Parse(SchemaAssert.NestedProperties(32));

        Assert.True(schema.IsValid(JsonNode.Parse("""{"a": {"a": 1}}""")));
    }

    [Fact]
    public void TryParse_DeeplyNestedEnumOrConstValue_IsADefinitionError()
    {
        var schema = new JsonObject { ["enum"] = new JsonArray(Sample.Nested(10_000)), ["const"] = Sample.Nested(10_000) };

        Assert.Equal(
            "$.enum[0]: is nested more than 64 levels deep\n$.const: is nested more than 64 levels deep",
            SchemaAssert.DefinitionErrors(schema));
    }

    [Fact]
    public void Validate_InstanceNested100000Deep_ReportsTheDepthLimit()
    {
        var schema = JsonSchema.Parse(JsonNode.Parse("""{"items": {"items": {}}}"""));

        var errors = schema.Validate(Sample.Nested(100_000));

        Assert.Equal([new SchemaError("$", "is nested more than 64 levels deep")], errors);
    }

    [Theory]
    [InlineData("^(a+)+$")]
    [InlineData("^(a|a)*$")]
    [InlineData("^(a|aa)+$")]
    [InlineData("(x+x+)+y")]
    public void Validate_CatastrophicBacktrackingPattern_FinishesFast(string pattern)
    {
        var schema = JsonSchema.Parse(new JsonObject { ["pattern"] = pattern });
        var value = JsonValue.Create(new string(pattern.Contains('x', StringComparison.Ordinal) ? 'x' : 'a', 50_000) + "!");
        var watch = Stopwatch.StartNew();

        var errors = schema.Validate(value);

        Assert.Equal($"$: must match the pattern '{pattern}'", Assert.Single(errors).ToString());
        Assert.InRange(watch.ElapsedMilliseconds, 0, 1_000);
    }

    [Fact]
    public void Validate_ThousandsOfFailures_StopsAfterOneHundredErrors()
    {
        var schema = JsonSchema.Parse(JsonNode.Parse("""{"items": {"type": "string"}}"""));
        var instance = new JsonArray(Enumerable.Range(0, 5_000).Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

        var errors = schema.Validate(instance);

        Assert.Equal(101, errors.Count);
        Assert.Equal(new SchemaError("$[99]", "must be a string but was a number"), errors[99]);
        Assert.Equal(new SchemaError("$", "validation stopped after 100 errors"), errors[100]);
    }

    [Fact]
    public void Validate_LargeValidInstance_IsQuick()
    {
        var schema = JsonSchema.Parse(JsonNode.Parse(
            """{"type": "array", "items": {"type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}, "name": {"type": "string", "maxLength": 20}}}}"""));
        var instance = new JsonArray(Enumerable.Range(0, 50_000).Select(i => (JsonNode?)new JsonObject { ["id"] = i, ["name"] = "item" }).ToArray());
        var watch = Stopwatch.StartNew();

        Assert.Empty(schema.Validate(instance));
        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_000);
    }

    [Fact]
    public void Validate_OneSchemaOnManyThreads_GivesTheSameAnswerEverywhere()
    {
        var schema = JsonSchema.Parse(JsonNode.Parse("""{"enum": [{"level": {"name": "high"}}, {"level": {"name": "low"}}]}"""));
        var results = new string[64];

        Parallel.For(0, results.Length, i =>
            results[i] = SchemaAssert.Errors(schema, JsonNode.Parse(i % 2 == 0 ? """{"level": {"name": "low"}}""" : """{"level": {}}""")));

        Assert.All(results.Where((_, i) => i % 2 == 0), result => Assert.Equal("", result));
        Assert.All(results.Where((_, i) => i % 2 == 1), result => Assert.StartsWith("$: must be one of ", result, StringComparison.Ordinal));
    }
}
