using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Evaluation;

/// <summary>Building values within the limits: strings, arrays, and copies of what the context holds.</summary>
internal sealed partial class Evaluator
{
    /// <summary>A new string value, refused when longer than <see cref="ExpressionLimits.MaxStringLength"/>.</summary>
    public JsonValue NewString(string value, int position)
    {
        CheckLength(value.Length, position);
        return JsonValue.Create(value);
    }

    /// <summary>Refuses a string of <paramref name="length"/> characters when longer than <see cref="ExpressionLimits.MaxStringLength"/>.</summary>
    public void CheckLength(long length, int position)
    {
        if (length > Limits.MaxStringLength)
        {
            throw source.Error(position, string.Create(
                CultureInfo.InvariantCulture, $"String result is longer than {Limits.MaxStringLength} characters"));
        }
    }

    /// <summary>A new array of <paramref name="items"/>, refused when longer than <see cref="ExpressionLimits.MaxArrayItems"/>.</summary>
    public JsonArray NewArray(IReadOnlyCollection<JsonNode?> items, int position)
    {
        if (items.Count > Limits.MaxArrayItems)
        {
            throw source.Error(position, string.Create(
                CultureInfo.InvariantCulture, $"Array result has more than {Limits.MaxArrayItems} items"));
        }

        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(Adopt(item, position));
        }

        return array;
    }

    /// <summary>The items of an array, ready to be placed elsewhere: taken out of an array this evaluation built, else left shared.</summary>
    private static List<JsonNode?> TakeItems(JsonArray array, bool owned)
    {
        var items = array.ToList();
        if (owned)
        {
            array.Clear();
        }

        return items;
    }

    /// <summary>A value ready to be placed into a new array or object: itself when nothing else holds it, else a copy.</summary>
    private JsonNode? Adopt(JsonNode? value, int position) => IsOwned(value) ? value : Copy(value, position, charge: true);

    // Built during this evaluation and not yet placed anywhere: neither inside another node nor a context root.
    private bool IsOwned(JsonNode? value) =>
        value is null || (value.Parent is null && !_contextRoots.Any(root => ReferenceEquals(root, value)));

    private JsonNode? Copy(JsonNode? value, int position, bool charge)
    {
        var (measured, count) = Measured(value, position);
        if (charge && (_copied += count) > Limits.MaxCopiedValues)
        {
            throw source.Error(position, string.Create(
                CultureInfo.InvariantCulture, $"Expression copies more than {Limits.MaxCopiedValues} values"));
        }

        return measured?.DeepClone();
    }

    /// <summary>The value, refused when its arrays and objects nest deeper than <see cref="ExpressionLimits.MaxValueDepth"/>.</summary>
    public JsonNode? WithinDepth(JsonNode? value, int position) => Measured(value, position).Value;

    private (JsonNode? Value, int Count) Measured(JsonNode? value, int position) => JsonTree.TryMeasure(value, Limits.MaxValueDepth, out var count)
        ? (value, count)
        : throw source.Error(position, string.Create(
            CultureInfo.InvariantCulture, $"Value is nested more than {Limits.MaxValueDepth} levels deep"));
}
