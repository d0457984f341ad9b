using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>Validation: every keyword is checked and every failure reported, not just the first.</summary>
internal sealed partial class SchemaNode
{
    private const int ShownValueLength = 200;

    /// <summary>Adds to <paramref name="errors"/> each way <paramref name="instance"/> (at <paramref name="path"/>) fails this schema.</summary>
    /// <remarks>Recursion follows the schema, whose depth the reader bounded.</remarks>
    public void Validate(JsonNode? instance, JsonPath path, SchemaErrorList errors)
    {
        if (Accepts is { } accepts)
        {
            if (!accepts)
            {
                errors.Add(path, "is not allowed");
            }

            return;
        }

        if (Types != SchemaType.None && !HasType(instance))
        {
            errors.Add(path, $"must be {SchemaTypes.Describe(Types)} but was {JsonValues.Describe(instance)}");
        }

        if (HasConst && !JsonTree.DeepEquals(instance, Const))
        {
            errors.Add(path, $"must be {Show(Const)}");
        }

        if (Enum is not null && !Enum.Any(value => JsonTree.DeepEquals(instance, value)))
        {
            errors.Add(path, "must be one of " + Shorten(string.Join(", ", Enum.Select(Show))));
        }

        switch (instance)
        {
            case JsonObject obj:
                ValidateObject(obj, path, errors);
                break;
            case JsonArray array:
                ValidateArray(array, path, errors);
                break;
            case var value when JsonNumber.TryRead(value, out var number):
                ValidateNumber(number, path, errors);
                break;
            case var value when JsonValues.TryGetString(value, out var text):
                ValidateString(text, path, errors);
                break;
        }
    }

    private bool HasType(JsonNode? instance) => JsonValues.KindOf(instance) switch
    {
        JsonValueKind.Object => Types.HasFlag(SchemaType.Object),
        JsonValueKind.Array => Types.HasFlag(SchemaType.Array),
        JsonValueKind.String => Types.HasFlag(SchemaType.String),
        JsonValueKind.Number => Types.HasFlag(SchemaType.Number) ||
            (Types.HasFlag(SchemaType.Integer) && JsonNumber.TryRead(instance, out var number) && number.IsInteger),
        JsonValueKind.True or JsonValueKind.False => Types.HasFlag(SchemaType.Boolean),
        _ => Types.HasFlag(SchemaType.Null),
    };

    private void ValidateObject(JsonObject obj, JsonPath path, SchemaErrorList errors)
    {
        foreach (var name in Required.Where(name => !obj.ContainsKey(name)))
        {
            errors.Add(path.Member(name), "is required");
        }

        foreach (var (name, value) in obj)
        {
            if (errors.IsFull)
            {
                return;
            }

            var schema = Properties.TryGetValue(name, out var named) ? named : AdditionalProperties;
            schema?.Validate(value, path.Member(name), errors);
        }
    }

    private void ValidateArray(JsonArray array, JsonPath path, SchemaErrorList errors)
    {
        if (array.Count < MinItems)
        {
            errors.Add(path, $"must have at least {Count(MinItems.Value, "item")}");
        }

        if (array.Count > MaxItems)
        {
            errors.Add(path, $"must have at most {Count(MaxItems.Value, "item")}");
        }

        for (var i = 0; Items is not null && i < array.Count && !errors.IsFull; i++)
        {
            Items.Validate(array[i], path.Item(i), errors);
        }
    }

    private void ValidateNumber(JsonNumber number, JsonPath path, SchemaErrorList errors)
    {
        if (Minimum is { } minimum && number.CompareTo(minimum) < 0)
        {
            errors.Add(path, $"must be at least {minimum}");
        }

        if (ExclusiveMinimum is { } exclusiveMinimum && number.CompareTo(exclusiveMinimum) <= 0)
        {
            errors.Add(path, $"must be greater than {exclusiveMinimum}");
        }

        if (Maximum is { } maximum && number.CompareTo(maximum) > 0)
        {
            errors.Add(path, $"must be at most {maximum}");
        }

        if (ExclusiveMaximum is { } exclusiveMaximum && number.CompareTo(exclusiveMaximum) >= 0)
        {
            errors.Add(path, $"must be less than {exclusiveMaximum}");
        }
    }

    private void ValidateString(string text, JsonPath path, SchemaErrorList errors)
    {
        if (MinLength is not null || MaxLength is not null)
        {
            var length = JsonValues.CountCodePoints(text);
            if (length < MinLength)
            {
                errors.Add(path, $"must be at least {Count(MinLength.Value, "character")} long");
            }

            if (length > MaxLength)
            {
                errors.Add(path, $"must be at most {Count(MaxLength.Value, "character")} long");
            }
        }

        switch (Pattern is null ? true : Matches(Pattern, text))
        {
            case false:
                errors.Add(path, $"must match the pattern '{Shorten(Pattern!.ToString())}'");
                break;
            case null:
                errors.Add(path, "could not be checked against the pattern in time");
                break;
        }

        if (Format is { } format && !StringFormats.IsValid(format, text))
        {
            errors.Add(path, $"must be {StringFormats.Describe(format)}");
        }
    }

    // The regex runs without backtracking and with a timeout; null when it could not decide in time.
    private static bool? Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    private static string Show(JsonNode? value) => Shorten(JsonValues.ToCompactJson(value));

    private static string Shorten(string text) => text.Length <= ShownValueLength ? text : text[..ShownValueLength] + "...";
}
