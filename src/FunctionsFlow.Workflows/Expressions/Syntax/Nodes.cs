using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Evaluation;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>A node of the immutable syntax tree; <see cref="Position"/> is where its text starts.</summary>
internal abstract record ExpressionNode(int Position)
{
    /// <summary>How many levels the subtree has (a leaf has 1); bounded by <see cref="ExpressionLimits.MaxDepth"/>.</summary>
    public abstract int Depth { get; }

    /// <summary>The depth of a node over <paramref name="children"/>: one more than the deepest of them.</summary>
    protected static int Over(IEnumerable<ExpressionNode> children) => children.Select(child => child.Depth).DefaultIfEmpty(0).Max() + 1;
}

/// <summary>A literal; evaluation hands out a copy, so the tree is never changed through a result.</summary>
internal sealed record LiteralNode(int Position, JsonNode? Value) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth => 1;
}

/// <summary>One of the context's roots.</summary>
internal sealed record RootNode(int Position, ExpressionRoot Root) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth => 1;
}

/// <summary><c>target.name</c>.</summary>
internal sealed record MemberNode(int Position, ExpressionNode Target, string Name) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over([Target]);
}

/// <summary><c>target[index]</c>.</summary>
internal sealed record IndexNode(int Position, ExpressionNode Target, ExpressionNode Index) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over([Target, Index]);
}

/// <summary>A prefix operator; <see cref="Symbol"/> is how it was written.</summary>
internal sealed record UnaryNode(int Position, UnaryOperator Operator, string Symbol, ExpressionNode Operand) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over([Operand]);
}

/// <summary>An infix operator; <see cref="Symbol"/> is how it was written.</summary>
internal sealed record BinaryNode(int Position, BinaryOperator Operator, string Symbol, ExpressionNode Left, ExpressionNode Right)
    : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over([Left, Right]);
}

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
internal sealed record ConditionalNode(int Position, ExpressionNode Condition, ExpressionNode WhenTrue, ExpressionNode WhenFalse)
    : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over([Condition, WhenTrue, WhenFalse]);
}

/// <summary>A call of a built-in function, its arity checked when parsed.</summary>
internal sealed record CallNode(int Position, FunctionDefinition Function, ImmutableArray<ExpressionNode> Arguments) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over(Arguments);
}

/// <summary><c>[a, b]</c>.</summary>
internal sealed record ArrayNode(int Position, ImmutableArray<ExpressionNode> Items) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over(Items);
}

/// <summary><c>{a: 1, 'b c': 2}</c>, members in the order written.</summary>
internal sealed record ObjectNode(int Position, ImmutableArray<KeyValuePair<string, ExpressionNode>> Members) : ExpressionNode(Position)
{
    /// <inheritdoc />
    public override int Depth { get; } = Over(Members.Select(member => member.Value));
}
