using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>The fixed table of functions an expression may call: pure, found by name, never by reflection.</summary>
/// <remarks>Functions that transform a value give null for null, so a missing field flows through to a
/// <c>??</c> default instead of failing; functions that ask a question (length, contains...) answer it for null.</remarks>
internal static partial class BuiltInFunctions
{
    private static readonly FrozenDictionary<string, FunctionDefinition> Table = new FunctionDefinition[]
    {
        new("length", 1, 1, "length(value)", Length),
        new("contains", 2, 2, "contains(haystack, needle)", Contains),
        new("lower", 1, 1, "lower(text)", call => MapText(call, text => text.ToLowerInvariant())),
        new("upper", 1, 1, "upper(text)", call => MapText(call, text => text.ToUpperInvariant())),
        new("trim", 1, 1, "trim(text)", call => MapText(call, text => text.Trim())),
        new("startsWith", 2, 2, "startsWith(text, prefix)", call => TestText(call, (text, part) => text.StartsWith(part, StringComparison.Ordinal))),
        new("endsWith", 2, 2, "endsWith(text, suffix)", call => TestText(call, (text, part) => text.EndsWith(part, StringComparison.Ordinal))),
        new("coalesce", 1, int.MaxValue, "coalesce(value, fallback, ...)", call => Enumerable.Range(0, call.Count).Select(i => call[i]).FirstOrDefault(v => v is not null)),
        new("toJson", 1, 1, "toJson(value)", call => call.Text(call.ToJson(0))),
        new("parseJson", 1, 1, "parseJson(text)", ParseJson),
        new("formatDateTime", 2, 2, "formatDateTime(isoDateTime, format)", FormatDateTime),
        new("string", 1, 1, "string(value)", call => call.Text(call.Render(0))),
        new("number", 1, 1, "number(value)", Number),
        new("not", 1, 1, "not(value)", call => JsonValue.Create(!JsonValues.IsTruthy(call[0]))),
        new("keys", 1, 1, "keys(object)", Keys),
    }.ToFrozenDictionary(function => function.Name, StringComparer.Ordinal);

    /// <summary>The names of all functions, sorted, for messages.</summary>
    public static string List { get; } = string.Join(", ", Table.Keys.Order(StringComparer.Ordinal));

    /// <summary>Finds a function by its exact (case-sensitive) name.</summary>
    public static bool TryGet(string name, [MaybeNullWhen(false)] out FunctionDefinition function) => Table.TryGetValue(name, out function);

    // Strings count Unicode code points, as JSON Schema's minLength and maxLength do.
    private static JsonValue Length(FunctionCall call) => JsonValue.Create(call[0] switch
    {
        null => 0,
        JsonArray array => array.Count,
        JsonObject obj => obj.Count,
        var value when JsonValues.TryGetString(value, out var text) => JsonValues.CountCodePoints(text),
        _ => throw call.WrongType(0, "a string, an array or an object"),
    });

    private static JsonValue Contains(FunctionCall call) => JsonValue.Create(call[0] switch
    {
        null => false,
        JsonArray array => array.Any(item => JsonTree.DeepEquals(item, call[1])),
        JsonObject obj => obj.ContainsKey(call.RequireString(1)),
        var value when JsonValues.TryGetString(value, out var text) => text.Contains(call.RequireString(1), StringComparison.Ordinal),
        _ => throw call.WrongType(0, "a string, an array or an object"),
    });

    private static JsonArray? Keys(FunctionCall call) => call[0] switch
    {
        null => null,
        JsonObject obj => call.Array([.. obj.Select(member => JsonValue.Create(member.Key))]),
        _ => throw call.WrongType(0, "an object"),
    };

    private static JsonValue? MapText(FunctionCall call, Func<string, string> map) =>
        call[0] is null ? null : call.Text(map(call.RequireString(0)));

    private static JsonValue TestText(FunctionCall call, Func<string, string, bool> test) =>
        JsonValue.Create(call[0] is not null && test(call.RequireString(0), call.RequireString(1)));
}
