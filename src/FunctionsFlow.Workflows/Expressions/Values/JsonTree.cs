using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Expressions.Values;

/// <summary>Walks over whole JSON trees without recursion, so a hostile depth cannot overflow the stack.</summary>
internal static class JsonTree
{
    /// <summary>Counts the values in a tree; false as soon as arrays and objects nest deeper than <paramref name="maxDepth"/>.</summary>
    /// <remarks>A scalar has depth 0, <c>[]</c> depth 1, <c>{"a":[1]}</c> depth 2.</remarks>
    public static bool TryMeasure(JsonNode? node, int maxDepth, out int count)
    {
        count = 0;
        var pending = new Stack<(JsonNode? Node, int Depth)>();
        pending.Push((node, IsContainer(node) ? 1 : 0));
        while (pending.TryPop(out var item))
        {
            count++;
            if (item.Depth > maxDepth)
            {
                return false;
            }

            foreach (var child in Children(item.Node))
            {
                pending.Push((child, IsContainer(child) ? item.Depth + 1 : item.Depth));
            }
        }

        return true;
    }

    /// <summary>Structural equality: numbers by value (1 equals 1.0), strings ordinally, objects regardless of member order.</summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        var pending = new Stack<(JsonNode? Left, JsonNode? Right)>();
        pending.Push((left, right));
        while (pending.TryPop(out var pair))
        {
            if (!ShallowEquals(pair.Left, pair.Right, pending))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ShallowEquals(JsonNode? left, JsonNode? right, Stack<(JsonNode?, JsonNode?)> pending)
    {
        var kind = JsonValues.KindOf(left);
        if (kind != JsonValues.KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Number:
                return JsonNumber.TryRead(left, out var a) && JsonNumber.TryRead(right, out var b) && a.CompareTo(b) == 0;
            case JsonValueKind.String:
                return JsonValues.TryGetString(left, out var s) && JsonValues.TryGetString(right, out var t) &&
                    string.Equals(s, t, StringComparison.Ordinal);
            case JsonValueKind.Array:
                var (x, y) = (left!.AsArray(), right!.AsArray());
                if (x.Count != y.Count)
                {
                    return false;
                }

                for (var i = 0; i < x.Count; i++)
                {
                    pending.Push((x[i], y[i]));
                }

                return true;
            case JsonValueKind.Object:
                var (o, p) = (left!.AsObject(), right!.AsObject());
                if (o.Count != p.Count)
                {
                    return false;
                }

                foreach (var (name, value) in o)
                {
                    if (!p.TryGetPropertyValue(name, out var other))
                    {
                        return false;
                    }

                    pending.Push((value, other));
                }

                return true;
            default:
                return true;
        }
    }

    private static bool IsContainer(JsonNode? node) => node is JsonArray or JsonObject;

    private static IEnumerable<JsonNode?> Children(JsonNode? node) => node switch
    {
        JsonArray array => array,
        JsonObject obj => obj.Select(member => member.Value),
        _ => [],
    };
}
