using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>Finds the root paths an expression reads, such as <c>input.amount</c> or <c>steps.classify.output</c>.</summary>
/// <remarks>A path is a root followed by the member names written after it (<c>.name</c> or <c>['name']</c>) up
/// to the first computed or numeric index: <c>input.items[0].price</c> reads <c>input.items</c>.</remarks>
internal static class ReferenceCollector
{
    /// <summary>The paths read by some trees, sorted ordinally.</summary>
    public static ImmutableSortedSet<string> Collect(IEnumerable<ExpressionNode> roots)
    {
        var paths = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            Visit(root, paths);
        }

        return paths.ToImmutable();
    }

    // The tree is at most MaxDepth deep, so recursion is bounded.
    private static void Visit(ExpressionNode node, ImmutableSortedSet<string>.Builder paths)
    {
        if (TryGetPath(node) is { } path)
        {
            paths.Add(path.ToString());
            return;
        }

        IEnumerable<ExpressionNode> children = node switch
        {
            MemberNode member => [member.Target],
            IndexNode index => [index.Target, index.Index],
            UnaryNode unary => [unary.Operand],
            BinaryNode binary => [binary.Left, binary.Right],
            ConditionalNode conditional => [conditional.Condition, conditional.WhenTrue, conditional.WhenFalse],
            CallNode call => call.Arguments,
            ArrayNode array => array.Items,
            ObjectNode obj => obj.Members.Select(member => member.Value),
            _ => [],
        };
        foreach (var child in children)
        {
            Visit(child, paths);
        }
    }

    private static StringBuilder? TryGetPath(ExpressionNode node) => node switch
    {
        RootNode root => new StringBuilder(ExpressionRoots.NameOf(root.Root)),
        MemberNode member => Append(TryGetPath(member.Target), member.Name),
        IndexNode { Index: LiteralNode { Value: JsonValue key } } index when JsonValues.TryGetString(key, out var name) =>
            Append(TryGetPath(index.Target), name),
        _ => null,
    };

    private static StringBuilder? Append(StringBuilder? path, string name)
    {
        if (path is not null)
        {
            JsonPathText.AppendMember(path, name, allowHyphens: true);
        }

        return path;
    }
}
