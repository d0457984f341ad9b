using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Expressions;

public sealed class TemplateTests
{
    [Theory]
    [InlineData("approved=${ vars.approved }", "\"approved=true\"")]
    [InlineData("${ input.amount }", "250")]
    [InlineData("  ${ input.customer.tags }\n", "[\"vip\",\"early\"]")]
    [InlineData("${ input.nothing }", "null")]
    [InlineData("${input.amount > 100}", "true")]
    [InlineData("Total: ${ input.amount } ${ input.currency }", "\"Total: 250 EUR\"")]
    [InlineData("x=${ input.nothing }!", "\"x=!\"")]
    [InlineData("obj=${ {a: 1} }", "\"obj={\\\"a\\\":1}\"")]
    [InlineData("${ {a: '}'} }", "{\"a\":\"}\"}")]
    [InlineData("${ input.amount }${ input.currency }", "\"250EUR\"")]
    [InlineData("cost $${ input.amount } = ${ input.amount }", "\"cost ${ input.amount } = 250\"")]
    [InlineData("price: $5 and ${ 'x' }", "\"price: $5 and x\"")]
    public void Evaluate_Template_GivesTypedValueOrInterpolatedString(string text, string expected)
    {
        Assert.Equal(expected, Sample.Json(Template.Parse(text).Evaluate(Sample.Context())));
    }

    [Theory]
    [InlineData("plain text", "\"plain text\"")]
    [InlineData("", "\"\"")]
    [InlineData("$${ not evaluated }", "\"${ not evaluated }\"")]
    public void Parse_TextWithoutExpressions_IsConstant(string text, string expected)
    {
        var template = Template.Parse(text);

        Assert.True(template.IsConstant);
        Assert.Empty(template.References);
        Assert.Equal(expected, Sample.Json(template.Evaluate(Sample.Context())));
    }

    [Theory]
    [InlineData("total ${ input.amount", 6, "Unclosed '${' at 6 in 'total ${ input.amount'. Close it with '}', or write '$${' for a literal '${'")]
    [InlineData("a ${ } b", 5, "Expected an expression inside '${ }' at 5 in 'a ${ } b'")]
    [InlineData("a ${ 1 + } b", 9, "Unexpected '}' at 9 in 'a ${ 1 + } b'. Expected a value")]
    [InlineData("a ${ 1 2 } b", 7, "Unexpected '2' at 7 in 'a ${ 1 2 } b'. Expected an operator or '}'")]
    [InlineData("${ foo }", 3, "Unknown name 'foo' at 3 in '${ foo }'. An expression reads from input, vars, scopes, steps, execution or now")]
    public void Parse_InvalidTemplate_ReportsPositionInTheWholeText(string text, int position, string message)
    {
        var error = Assert.Throws<ExpressionException>(() => Template.Parse(text));

        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Parse_EmbeddedExpressionPastTheLengthLimit_IsRefused()
    {
        var text = "${ '" + new string('x', 5_000) + "' }";

        var error = Assert.Throws<ExpressionException>(() => Template.Parse(text));

        Assert.StartsWith("Expression is longer than 4096 characters at 2 in ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateObject_BodyWithTemplates_EvaluatesEveryStringLeaf()
    {
        var body = JsonNode.Parse("""
            {"text": "approved=${ vars.approved }", "count": "${ vars.count }", "fixed": 1, "escaped": "$${x}",
             "list": ["${ input.currency }", true, null], "nested": {"who": "${ input.customer.name }"}}
            """);
        var before = Sample.Json(body);

        var result = TemplateObject.Evaluate(body, Sample.Context());

        Assert.Equal(
            """{"text":"approved=true","count":3,"fixed":1,"escaped":"${x}","list":["EUR",true,null],"nested":{"who":"Ada Lovelace"}}""",
            Sample.Json(result));
        Assert.Equal(before, Sample.Json(body));
    }

    [Fact]
    public void ParseObject_ConstantTree_IsConstantAndEvaluatesToACopy()
    {
        var node = JsonNode.Parse("""{"a": [1, "two", {"b": null}]}""");

        var parsed = TemplateObject.Parse(node);
        var first = parsed.Evaluate(Sample.Context());
        first!["a"]!.AsArray().Add(3);

        Assert.True(parsed.IsConstant);
        Assert.Equal("""{"a":[1,"two",{"b":null}]}""", Sample.Json(parsed.Evaluate(Sample.Context())));
        Assert.Null(TemplateObject.Evaluate(null, Sample.Context()));
    }

    [Fact]
    public void EvaluateObject_InvalidLeaf_PrefixesTheLeafPath()
    {
        var body = JsonNode.Parse("""{"items": [{"name": "ok"}, {"name b": "${ foo }"}]}""");

        var error = Assert.Throws<ExpressionException>(() => TemplateObject.Evaluate(body, Sample.Context()));

        Assert.StartsWith("$.items[1]['name b']: Unknown name 'foo' at 3 in '${ foo }'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateObject_FailingLeaf_PrefixesTheLeafPath()
    {
        var body = JsonNode.Parse("""{"total": "${ input.currency * 2 }"}""");

        var error = Assert.Throws<ExpressionException>(() => TemplateObject.Evaluate(body, Sample.Context()));

        Assert.StartsWith("$.total: Operator '*' cannot be applied to a string and a number", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseObject_DeeplyNestedTree_IsRefused()
    {
        var error = Assert.Throws<ExpressionException>(() => TemplateObject.Parse(Sample.Nested(10_000)));

        Assert.Equal("The value is nested more than 64 levels deep", error.Message);
    }
}
