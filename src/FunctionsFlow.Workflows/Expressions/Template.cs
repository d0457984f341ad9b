using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Evaluation;
using FunctionsFlow.Workflows.Expressions.Syntax;

namespace FunctionsFlow.Workflows.Expressions;

/// <summary>A string from a workflow definition that may hold <c>${ }</c> expressions.</summary>
/// <remarks>
/// A text that is exactly one <c>${ expr }</c> (spaces around it allowed) evaluates to the expression's own value,
/// typed: a number stays a number, an object an object. A text with expressions among other text is string
/// interpolation: each value is shown as a string as it is, null as nothing, anything else as compact JSON.
/// <c>$${</c> stands for a literal <c>${</c>. A text without <c>${</c> is a constant.
/// </remarks>
public sealed class Template
{
    private readonly ExpressionSource _source;
    private readonly ImmutableArray<Part> _parts;
    private readonly ExpressionNode? _single;

    private Template(ExpressionSource source, ImmutableArray<Part> parts)
    {
        _source = source;
        _parts = parts;
        var expressions = parts.Where(part => part.Node is not null).ToList();
        var surroundedBySpaceOnly = parts.All(part => part.Node is not null || string.IsNullOrWhiteSpace(part.Text));
        _single = expressions.Count == 1 && surroundedBySpaceOnly ? expressions[0].Node : null;
        References = ReferenceCollector.Collect(expressions.Select(part => part.Node!));
    }

    /// <summary>The template's text, as written.</summary>
    public string Text => _source.Text;

    /// <summary>True when the text holds no expression: it evaluates to itself (with <c>$${</c> read as <c>${</c>).</summary>
    public bool IsConstant => _parts.All(part => part.Node is null);

    /// <summary>The root paths the template's expressions read, sorted (see <see cref="Expression.References"/>).</summary>
    public IReadOnlySet<string> References { get; }

    /// <summary>Parses a template with the default limits.</summary>
    /// <exception cref="ExpressionException">An embedded expression is invalid or a <c>${</c> is not closed.</exception>
    public static Template Parse(string text) => Parse(text, ExpressionLimits.Default);

    /// <summary>Parses a template within <paramref name="limits"/> (each expression on its own).</summary>
    /// <exception cref="ExpressionException">An embedded expression is invalid or goes past a limit, or a <c>${</c> is not closed.</exception>
    public static Template Parse(string text, ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(limits);
        var source = new ExpressionSource(text);
        var parts = ImmutableArray.CreateBuilder<Part>();
        var literal = new StringBuilder();
        var index = 0;
        while (index < text.Length)
        {
            if (text.AsSpan(index).StartsWith("$${", StringComparison.Ordinal))
            {
                literal.Append("${");
                index += 3;
            }
            else if (text.AsSpan(index).StartsWith("${", StringComparison.Ordinal))
            {
                Flush(literal, parts);
                var (node, end) = Parser.ParseEmbedded(source, index + 2, limits);
                parts.Add(new Part(null, node));
                index = end;
            }
            else
            {
                literal.Append(text[index++]);
            }
        }

        Flush(literal, parts);
        return new Template(source, parts.ToImmutable());
    }

    /// <summary>Evaluates the template: the typed value of a lone expression, else the interpolated string.</summary>
    /// <exception cref="ExpressionException">An expression fails or a limit is passed.</exception>
    public JsonNode? Evaluate(ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var evaluator = new Evaluator(_source, context);
        if (_single is not null)
        {
            return evaluator.EvaluateResult(_single);
        }

        var text = new StringBuilder();
        foreach (var part in _parts)
        {
            text.Append(part.Node is null ? part.Text : evaluator.EvaluateText(part.Node));
            evaluator.CheckLength(text.Length, part.Node?.Position ?? 0);
        }

        return JsonValue.Create(text.ToString());
    }

    /// <inheritdoc />
    public override string ToString() => Text;

    private static void Flush(StringBuilder literal, ImmutableArray<Part>.Builder parts)
    {
        if (literal.Length > 0)
        {
            parts.Add(new Part(literal.ToString(), null));
            literal.Clear();
        }
    }

    /// <summary>A run of literal text, or an expression.</summary>
    private sealed record Part(string? Text, ExpressionNode? Node);
}
