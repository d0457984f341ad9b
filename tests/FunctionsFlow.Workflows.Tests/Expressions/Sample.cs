using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Expressions;

/// <summary>The context the expression tests read: an expense-approval run part-way through.</summary>
internal static class Sample
{
    public static ExpressionContext Context(ExpressionLimits? limits = null) => new()
    {
        Input = JsonNode.Parse("""
            {
              "amount": 250, "currency": "EUR", "a b": 7, "note": "", "zero": 0, "flag": false, "nothing": null,
              "label": "  Mixed Case  ", "payload": "{\"a\":[1,2]}", "when": "2024-05-31T14:30:00Z",
              "items": [
                {"name": "pen", "price": 1.5, "qty": 4},
                {"name": "book", "price": 12.25, "qty": 1},
                {"name": "lamp", "price": 30, "qty": 2}
              ],
              "customer": {"name": "Ada Lovelace", "email": "ada@example.com", "tags": ["vip", "early"]}
            }
            """),
        Vars = JsonNode.Parse("""{"needsApproval": true, "approved": true, "webhookUrl": "https://hooks.example.com/x", "count": 3}"""),
        Scopes = JsonNode.Parse("""{"user": {"locale": "en-GB"}, "global": {"limit": 1000}}"""),
        Steps = JsonNode.Parse("""{"classify": {"output": {"label": "large", "score": 0.92}}, "cool-off": {"output": null}}"""),
        Execution = JsonNode.Parse("""{"id": "exec-1", "workflowId": "expense-approval"}"""),
        Now = "2024-06-01T08:00:00Z",
        Limits = limits ?? ExpressionLimits.Default,
    };

    /// <summary>Parses and evaluates over the sample context; the result as compact JSON ("null" for null).</summary>
    public static string Evaluate(string expression, ExpressionContext? context = null) =>
        Json(Expression.Parse(expression, (context ?? Context()).Limits).Evaluate(context ?? Context()));

    public static string Json(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    // Compact JSON with only the escapes JSON needs, so expectations read naturally.
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The exception that parsing or evaluating throws.</summary>
    public static ExpressionException Failure(string expression, ExpressionContext? context = null) =>
        Assert.Throws<ExpressionException>(() => Evaluate(expression, context));

    /// <summary>An array or object nested <paramref name="depth"/> levels deep, built without recursion.</summary>
    public static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 1; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }
}
