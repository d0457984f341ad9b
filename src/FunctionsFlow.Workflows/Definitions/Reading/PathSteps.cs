using System.Globalization;
using System.Text;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reads back the paths that schemas and expressions write: a root name, then <c>.name</c>, <c>['a b']</c>
/// (with <c>\'</c> and <c>\\</c> escapes) and <c>[2]</c> steps.</summary>
internal static class PathSteps
{
    /// <summary>The steps after the root name <paramref name="root"/>; null when the path does not start with it or
    /// is malformed.</summary>
    public static List<PathStep>? Parse(string path, string root)
    {
        if (!path.StartsWith(root, StringComparison.Ordinal))
        {
            return null;
        }

        var steps = new List<PathStep>();
        var index = root.Length;
        while (index < path.Length)
        {
            if (path[index] == '.')
            {
                var end = path.AsSpan(index + 1).IndexOfAny('.', '[');
                var name = end < 0 ? path[(index + 1)..] : path.Substring(index + 1, end);
                steps.Add(new PathStep(name, -1));
                index += 1 + name.Length;
            }
            else if (path.AsSpan(index).StartsWith("['") && TryReadQuoted(path, index + 2, out var name, out var next))
            {
                steps.Add(new PathStep(name, -1));
                index = next;
            }
            else if (path[index] == '[' && path.IndexOf(']', index) is var close and > 0 &&
                int.TryParse(path.AsSpan(index + 1, close - index - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var item))
            {
                steps.Add(new PathStep(null, item));
                index = close + 1;
            }
            else
            {
                return null;
            }
        }

        return steps;
    }

    // Reads from just after "['" to the closing "']", undoing the escapes.
    private static bool TryReadQuoted(string path, int start, out string name, out int next)
    {
        var builder = new StringBuilder();
        for (var i = start; i < path.Length; i++)
        {
            if (path[i] == '\\' && i + 1 < path.Length)
            {
                builder.Append(path[++i]);
            }
            else if (path[i] == '\'')
            {
                name = builder.ToString();
                next = i + 2;
                return i + 1 < path.Length && path[i + 1] == ']';
            }
            else
            {
                builder.Append(path[i]);
            }
        }

        (name, next) = (string.Empty, path.Length);
        return false;
    }
}

/// <summary>One step of a path: a member name, or an item index when <see cref="Member"/> is null.</summary>
internal readonly record struct PathStep(string? Member, int Index);
