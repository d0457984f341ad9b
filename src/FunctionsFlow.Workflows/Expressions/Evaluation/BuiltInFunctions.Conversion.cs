using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>Functions that convert between JSON, text, numbers and dates.</summary>
internal static partial class BuiltInFunctions
{
    // ISO 8601 as workflows exchange it: a date, or a date and time with optional seconds, fraction and offset.
    private static readonly string[] IsoFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd"];

    private static JsonNode? ParseJson(FunctionCall call)
    {
        if (call[0] is null)
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(call.RequireString(0));
        var maxDepth = call.Limits.MaxValueDepth;
        try
        {
            // A first pass with the reader finds excessive nesting without building anything.
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject && reader.CurrentDepth >= maxDepth)
                {
                    throw call.Error(string.Create(CultureInfo.InvariantCulture, $"the JSON is nested more than {maxDepth} levels deep"));
                }
            }

            return JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = maxDepth + 1 });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw call.Error(string.Create(CultureInfo.InvariantCulture, $"the text is not valid JSON (line {line}, byte {column})"), ex);
        }
    }

    private static JsonValue? Number(FunctionCall call)
    {
        var value = call[0];
        switch (JsonValues.KindOf(value))
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.True or JsonValueKind.False:
                return JsonValue.Create(JsonValues.IsTruthy(value) ? 1 : 0);
            case JsonValueKind.Number when JsonNumber.TryRead(value, out var number):
                return number.ToNode();
        }

        var text = call.RequireString(0);
        return JsonNumber.TryParse(text.Trim(), out var parsed)
            ? parsed.ToNode()
            : throw call.Error($"cannot convert {FunctionCall.Quote(text)} to a number");
    }

    private static JsonValue? FormatDateTime(FunctionCall call)
    {
        if (call[0] is null)
        {
            return null;
        }

        var text = call.RequireString(0);
        var format = call.RequireString(1);
        if (!DateTimeOffset.TryParseExact(text, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw call.Error($"{FunctionCall.Quote(text)} is not an ISO 8601 date and time such as '2024-05-31T14:30:00Z'");
        }

        try
        {
            return call.Text(time.ToString(format, CultureInfo.InvariantCulture));
        }
        catch (FormatException ex)
        {
            throw call.Error($"{FunctionCall.Quote(format)} is not a valid date format such as 'yyyy-MM-dd HH:mm'", ex);
        }
    }
}
