using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Tests.Schema;

/// <summary>The schemas of the expense-approval example in the API documentation.</summary>
public sealed class WorkflowSchemaTests
{
    private static readonly JsonSchema ExpenseInput =
        JsonSchema.Parse(JsonNode.Parse("""{"type": "object", "required": ["amount"], "properties": {"amount": {"type": "number"}}}"""));

    private static readonly JsonSchema ManagerApproval =
        JsonSchema.Parse(JsonNode.Parse("""{"type": "object", "required": ["approved"], "properties": {"approved": {"type": "boolean"}}}"""));

    [Theory]
    [InlineData("""{"amount": 250}""", "")]
    [InlineData("""{"amount": 99.5, "note": "taxi"}""", "")]
    [InlineData("{}", "$.amount: is required")]
    [InlineData("""{"amount": "250"}""", "$.amount: must be a number but was a string")]
    [InlineData("\"250\"", "$: must be an object but was a string")]
    public void Validate_ExpenseApprovalInput_AcceptsAmountsOnly(string input, string expected)
    {
        Assert.Equal(expected, SchemaAssert.Errors(ExpenseInput, JsonNode.Parse(input)));
    }

    [Theory]
    [InlineData("""{"approved": true}""", "")]
    [InlineData("""{"approved": false, "comment": "over budget"}""", "")]
    [InlineData("""{"approved": "yes"}""", "$.approved: must be a boolean but was a string")]
    [InlineData("{}", "$.approved: is required")]
    [InlineData("null", "$: must be an object but was null")]
    public void Validate_ManagerApprovalPayload_NeedsABooleanApproved(string payload, string expected)
    {
        Assert.Equal(expected, SchemaAssert.Errors(ManagerApproval, JsonNode.Parse(payload)));
    }
}
