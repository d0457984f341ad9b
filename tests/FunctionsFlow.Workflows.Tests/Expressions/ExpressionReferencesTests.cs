using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Expressions;

public sealed class ExpressionReferencesTests
{
    [Theory]
    [InlineData("input.amount > 100 && vars.approved", new[] { "input.amount", "vars.approved" })]
    [InlineData("steps.classify.output.label == 'large'", new[] { "steps.classify.output.label" })]
    [InlineData("input.items[0].price", new[] { "input.items" })]
    [InlineData("input.items[vars.index].price", new[] { "input.items", "vars.index" })]
    [InlineData("input['a b'].c + input[\"it's\"]", new[] { "input['a b'].c", "input['it\\'s']" })]
    [InlineData("steps['cool-off'].output ?? steps.cool-off.output", new[] { "steps.cool-off.output" })]
    [InlineData("length(steps.fetch.output.items) + coalesce(vars.a, scopes.user.b)", new[] { "scopes.user.b", "steps.fetch.output.items", "vars.a" })]
    [InlineData("{x: [input.a, execution.id]}", new[] { "execution.id", "input.a" })]
    [InlineData("steps.review-step.output.ok && steps['step-2'].output", new[] { "steps.review-step.output.ok", "steps['step-2'].output" })]
    [InlineData("now", new[] { "now" })]
    [InlineData("input", new[] { "input" })]
    [InlineData("-input.a ? !vars.b : not scopes.c", new[] { "input.a", "scopes.c", "vars.b" })]
    [InlineData("1 + 2", new string[0])]
    public void References_ListRootPathsReadUpToTheFirstComputedIndex(string expression, string[] expected)
    {
        Assert.Equal(expected, Expression.Parse(expression).References);
    }

    [Fact]
    public void References_OfTemplateAndTemplateObject_UnionAllExpressions()
    {
        var template = Template.Parse("approved=${ vars.approved } by ${ input.user.name } (${ vars.approved })");
        var body = TemplateObject.Parse(System.Text.Json.Nodes.JsonNode.Parse("""{"text": "${ steps.a.output }", "list": ["${ input.x }", 1]}"""));

        Assert.Equal(["input.user.name", "vars.approved"], template.References);
        Assert.Equal(["input.x", "steps.a.output"], body.References);
    }
}
