using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Evaluation;
using FunctionsFlow.Workflows.Expressions.Syntax;

namespace FunctionsFlow.Workflows.Expressions;

/// <summary>A parsed <c>${ }</c> expression such as <c>input.amount &gt; 100</c>: immutable, safe to share and to
/// evaluate any number of times.</summary>
/// <remarks>Evaluation is pure: it reads only its <see cref="ExpressionContext"/>, never a clock, a file or the
/// network, and stays within the context's <see cref="ExpressionLimits"/>.</remarks>
public sealed class Expression
{
    private readonly ExpressionSource _source;
    private readonly ExpressionNode _root;

    private Expression(ExpressionSource source, ExpressionNode root)
    {
        _source = source;
        _root = root;
        References = ReferenceCollector.Collect([root]);
    }

    /// <summary>The expression's text.</summary>
    public string Source => _source.Text;

    /// <summary>The root paths the expression reads, sorted: <c>input.amount</c>, <c>steps.classify.output</c>...</summary>
    /// <remarks>A path stops at the first computed or numeric index (<c>input.items[0].price</c> gives
    /// <c>input.items</c>), so a validator can check that each <c>steps.&lt;id&gt;</c> names a step.</remarks>
    public IReadOnlySet<string> References { get; }

    /// <summary>Parses an expression with the default limits.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression.</exception>
    public static Expression Parse(string source) => Parse(source, ExpressionLimits.Default);

    /// <summary>Parses an expression within <paramref name="limits"/>.</summary>
    /// <exception cref="ExpressionException">The text is not a valid expression or goes past a limit.</exception>
    public static Expression Parse(string source, ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        var text = new ExpressionSource(source);
        return new Expression(text, Parser.Parse(text, limits));
    }

    /// <summary>Evaluates the expression; the result is a new value the caller owns (null for JSON null).</summary>
    /// <exception cref="ExpressionException">An operation fails (for example adding a number to a boolean) or a limit is passed.</exception>
    public JsonNode? Evaluate(ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Evaluator(_source, context).EvaluateResult(_root);
    }

    /// <inheritdoc />
    public override string ToString() => Source;
}
