using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>A built-in function: its name, how many arguments it takes, how to call it, and what it does.</summary>
/// <param name="Name">The name as written in an expression.</param>
/// <param name="MinArguments">The fewest arguments it takes.</param>
/// <param name="MaxArguments">The most arguments it takes.</param>
/// <param name="Usage">How to call it, for messages: <c>contains(haystack, needle)</c>.</param>
/// <param name="Invoke">The function itself; pure, given its evaluated arguments.</param>
internal sealed record FunctionDefinition(string Name, int MinArguments, int MaxArguments, string Usage, Func<FunctionCall, JsonNode?> Invoke);
