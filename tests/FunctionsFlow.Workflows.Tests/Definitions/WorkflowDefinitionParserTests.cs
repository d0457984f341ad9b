using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Definitions;

public sealed class WorkflowDefinitionParserTests
{
    [Fact]
    public void Parse_ApiSampleInYamlAndJson_GivesEqualModels()
    {
        var yaml = DefinitionAssert.Valid(Samples.ExpenseApprovalYaml, "application/yaml");
        var json = DefinitionAssert.Valid(Samples.ExpenseApprovalJson, "application/json");

        Assert.True(JsonNode.DeepEquals(yaml.ToJson(), json.ToJson()), $"{yaml.ToJson()}\n---\n{json.ToJson()}");
        Assert.Equal(SourceFormat.Yaml, yaml.Format);
        Assert.Equal(SourceFormat.Json, json.Format);
        Assert.Equal(Samples.ExpenseApprovalYaml, yaml.Source);
        Assert.Equal(Samples.ExpenseApprovalJson, json.Source);
    }

    [Fact]
    public void Parse_ApiSample_ReadsEveryPart()
    {
        var definition = DefinitionAssert.Valid(Samples.ExpenseApprovalYaml);

        Assert.Equal("expense-approval", definition.Id);
        Assert.Equal("Expense approval", definition.Name);
        Assert.Null(definition.Description);
        Assert.Null(definition.Timeout);
        Assert.True(definition.Input!.Schema.IsValid(JsonNode.Parse("""{"amount": 250}""")));
        Assert.False(definition.Input.Schema.IsValid(JsonNode.Parse("""{"amount": "250"}""")));
        Assert.Equal(["classify", "decide", "notify", "cool-off", "done"], definition.Steps.Select(step => step.Id));
        Assert.Equal(
            ["classify", "decide", "approval", "autoReject", "autoApprove", "notify", "cool-off", "done"],
            definition.AllSteps().Select(step => step.Id));

        var classify = Assert.IsType<SetStep>(definition.Steps[0]);
        Assert.Equal(VariableScope.Run, classify.Scope);
        var (name, value) = Assert.Single(classify.Values);
        Assert.Equal("needsApproval", name);
        Assert.Equal(JsonValue.Create(true).ToJsonString(), value.Evaluate(Context(amount: 250))!.ToJsonString());

        var decide = Assert.IsType<IfStep>(definition.Steps[1]);
        Assert.Equal(["vars.needsApproval"], decide.Condition.References);
        var approval = Assert.IsType<WaitForInputStep>(Assert.Single(decide.Then));
        Assert.Equal("manager-approval", approval.Name);
        Assert.Equal(TimeSpan.FromDays(3), approval.WaitTimeout);
        Assert.False(approval.Schema!.Schema.IsValid(JsonNode.Parse("{}")));
        Assert.Equal("autoReject", Assert.Single(approval.OnTimeout).Id);
        Assert.Equal("autoApprove", Assert.Single(decide.Else).Id);

        var notify = Assert.IsType<HttpStep>(definition.Steps[2]);
        Assert.Equal(HttpMethod.Post, notify.Method);
        Assert.Equal("${ vars.webhookUrl }", notify.Url!.Text);
        Assert.Equal("slack", notify.Connection);
        Assert.Equal("""{"text":"approved=${ vars.approved }"}""", notify.Body!.ToString());
        Assert.Equal(new RetryPolicy(5, BackoffKind.Exponential, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1)), notify.Retry);
        Assert.Equal(ErrorStrategy.UseDefault, notify.OnError.Strategy);
        Assert.Equal("""{"ok":false}""", notify.OnError.Value!.ToString());

        Assert.Equal(TimeSpan.FromMinutes(10), Assert.IsType<DelayStep>(definition.Steps[3]).Duration);
        Assert.Equal(["vars.approved"], Assert.IsType<ReturnStep>(definition.Steps[4]).Value.References);
    }

    [Fact]
    public void TryGetStep_FindsNestedStepsById()
    {
        var definition = DefinitionAssert.Valid(Samples.ExpenseApprovalYaml);

        Assert.True(definition.TryGetStep("autoReject", out var step));
        Assert.IsType<SetStep>(step);
        Assert.False(definition.TryGetStep("missing", out _));
    }

    [Fact]
    public void ToJson_ParsedAgainAsJson_GivesTheSameDefinition()
    {
        var first = DefinitionAssert.Valid(Samples.ExpenseApprovalYaml).ToJson();

        var second = DefinitionAssert.Valid(first.ToJsonString(), "application/json").ToJson();

        Assert.True(JsonNode.DeepEquals(first, second));
    }

    [Theory]
    [InlineData("application/json; charset=utf-8", SourceFormat.Json)]
    [InlineData("text/json", SourceFormat.Json)]
    [InlineData("application/vnd.functionsflow+json", SourceFormat.Json)]
    [InlineData("application/yaml", SourceFormat.Yaml)]
    [InlineData("APPLICATION/X-YAML", SourceFormat.Yaml)]
    [InlineData("text/yaml", SourceFormat.Yaml)]
    [InlineData("text/x-yaml", SourceFormat.Yaml)]
    [InlineData(null, SourceFormat.Json)]
    public void Parse_ContentType_ChoosesTheSyntax(string? contentType, SourceFormat expected)
    {
        Assert.Equal(expected, DefinitionAssert.Valid(Samples.ExpenseApprovalJson, contentType).Format);
    }

    [Fact]
    public void Parse_YamlWithoutContentType_IsReadAsYaml()
    {
        Assert.Equal(SourceFormat.Yaml, WorkflowDefinitionParser.Parse(Samples.ExpenseApprovalYaml).Definition!.Format);
    }

    [Fact]
    public void Parse_YamlFlowMappingWithoutContentType_IsReadAsYaml()
    {
        var definition = DefinitionAssert.Valid("{id: wf, name: T, steps: [{id: a, return: 1}]}");

        Assert.Equal(SourceFormat.Yaml, definition.Format);
    }

    [Fact]
    public void Parse_BrokenJsonWithoutContentType_ReportsTheYamlReading()
    {
        var error = Assert.Single(DefinitionAssert.Errors("""{"id": "wf", "name": "T", "steps": [}"""));

        Assert.StartsWith("$.steps[0] (line 1, column 37): is not valid YAML: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlSentAsJson_ReportsTheJsonSyntaxError()
    {
        Assert.Equal(
            ["$ (line 1, column 1): is not valid JSON: 'i' is an invalid start of a value."],
            DefinitionAssert.Errors(Samples.ExpenseApprovalYaml, "application/json"));
    }

    [Fact]
    public void Parse_UnsupportedContentType_IsAnError()
    {
        Assert.Equal(
            ["$ (line 1, column 1): has the content type 'text/html': send application/yaml or application/json"],
            DefinitionAssert.Errors(Samples.ExpenseApprovalYaml, "text/html"));
    }

    [Theory]
    [InlineData("yes", "\"yes\"")]
    [InlineData("on", "\"on\"")]
    [InlineData("true", "true")]
    [InlineData("False", "false")]
    [InlineData("~", "null")]
    [InlineData("null", "null")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("2.5", "2.5")]
    [InlineData("1e3", "1000")]
    [InlineData("PT10M", "\"PT10M\"")]
    [InlineData("'42'", "\"42\"")]
    [InlineData("\"true\"", "\"true\"")]
    [InlineData("!!str 42", "\"42\"")]
    [InlineData("!!int \"42\"", "42")]
    [InlineData("2024-01-01", "\"2024-01-01\"")]
    [InlineData("12:30", "\"12:30\"")]
    public void Parse_YamlScalars_FollowTheCoreSchema(string scalar, string json)
    {
        var definition = DefinitionAssert.Valid(DefinitionAssert.WithSteps($"  - {{id: a, return: {scalar}}}\n"));

        Assert.Equal(json, Assert.IsType<ReturnStep>(definition.Steps[0]).Value.ToString());
    }

    [Fact]
    public void Parse_YamlBlockScalars_KeepTheirText()
    {
        var definition = DefinitionAssert.Valid(DefinitionAssert.WithSteps("""
              - id: a
                fail:
                  message: |
                    Line one
                    Line two
            """));

        Assert.Equal("Line one\nLine two", Assert.IsType<FailStep>(definition.Steps[0]).Message.Text);
    }

    [Theory]
    [InlineData("{\"id\": \"wf\", \"name\": \"Caf\u00e9 \ud83d\ude80\", \"steps\": 3}", "application/json")]
    [InlineData("{\"id\": \"wf\", \"name\": \"Caf\u00e9 \ud83d\ude80\", \"steps\": 3}", "application/yaml")]
    public void Parse_LinesWithNonAsciiText_CountColumnsInUtf16Characters(string text, string contentType)
    {
        Assert.Equal(["$.steps (line 1, column 33): must be a list of steps but was a number"], DefinitionAssert.Errors(text, contentType));
    }

    [Fact]
    public void Parse_JsonOverSeveralLines_ReportsTheLineOfEachError()
    {
        var errors = DefinitionAssert.Errors("{\n  \"id\": \"wf\",\n  \"name\": \"T\",\n  \"steps\": [\n    {\"id\": \"a\", \"delay\": \"soon\"},\n    {\"id\": \"b\", \"return\": \"${ steps.c.output }\"}\n  ]\n}", "application/json");

        Assert.Equal(
            [
                "$.steps[0].delay (line 5, column 17): 'soon' is not an ISO 8601 duration such as PT10M or P3D",
                "$.steps[1].return (line 6, column 17): reads steps.c, but no step has the id 'c'",
            ],
            errors);
    }

    private static ExpressionContext Context(int amount) => new() { Input = new JsonObject { ["amount"] = amount } };
}
