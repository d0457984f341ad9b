using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Syntax;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>One call of a built-in function: its evaluated arguments and the way to fail or produce within the limits.</summary>
internal sealed class FunctionCall(Evaluator evaluator, CallNode node, JsonNode?[] arguments)
{
    private const int QuoteLength = 40;

    /// <summary>How many arguments were given.</summary>
    public int Count => arguments.Length;

    /// <summary>The limits of the evaluation.</summary>
    public ExpressionLimits Limits => evaluator.Limits;

    /// <summary>The evaluated argument at <paramref name="index"/>.</summary>
    public JsonNode? this[int index] => arguments[index];

    /// <summary>An error about this call, worded "name(): message".</summary>
    public ExpressionException Error(string message, Exception? innerException = null) =>
        evaluator.Source.Error(node.Position, $"{node.Function.Name}(): {message}", innerException: innerException);

    /// <summary>An error saying an argument is of the wrong kind.</summary>
    public ExpressionException WrongType(int index, string expected) => Error(string.Create(
        CultureInfo.InvariantCulture, $"argument {index + 1} must be {expected} but was {JsonValues.Describe(arguments[index])}"));

    /// <summary>The argument at <paramref name="index"/>, which must be a string.</summary>
    public string RequireString(int index) =>
        JsonValues.TryGetString(arguments[index], out var text) ? text : throw WrongType(index, "a string");

    /// <summary>The argument at <paramref name="index"/> as text: a string as it is, null as nothing, else compact JSON.</summary>
    public string Render(int index) => evaluator.Render(arguments[index], node.Position);

    /// <summary>The argument at <paramref name="index"/> as compact JSON.</summary>
    public string ToJson(int index) => JsonValues.ToCompactJson(evaluator.WithinDepth(arguments[index], node.Position));

    /// <summary>A new string value, refused when longer than <see cref="ExpressionLimits.MaxStringLength"/>.</summary>
    public JsonValue Text(string value) => evaluator.NewString(value, node.Position);

    /// <summary>A new array of <paramref name="items"/>, refused when longer than <see cref="ExpressionLimits.MaxArrayItems"/>.</summary>
    public JsonArray Array(IReadOnlyCollection<JsonNode?> items) => evaluator.NewArray(items, node.Position);

    /// <summary>A short quotation of some text for a message.</summary>
    public static string Quote(string text) => "'" + (text.Length <= QuoteLength ? text : text[..QuoteLength] + "...") + "'";
}
