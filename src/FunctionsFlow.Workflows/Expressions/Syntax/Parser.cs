using System.Globalization;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>A recursive-descent parser from tokens to an immutable syntax tree, with its nesting bounded.</summary>
/// <remarks>Precedence, lowest first: <c>?:</c>, <c>??</c>, <c>|| or</c>, <c>&amp;&amp; and</c>, <c>== !=</c>,
/// <c>&lt; &lt;= &gt; &gt;=</c>, <c>+ -</c>, <c>* / %</c>, prefix <c>- ! not</c>, then member access, indexing and
/// calls. Every recursion passes <see cref="Enter"/>, so deep input ends in an error, never a stack overflow.</remarks>
internal sealed partial class Parser
{
    private readonly ExpressionSource _source;
    private readonly ExpressionLimits _limits;
    private readonly Lexer _lexer;
    private Token _current;
    private int _nesting;

    private Parser(ExpressionSource source, int start, ExpressionLimits limits)
    {
        _source = source;
        _limits = limits;
        _lexer = new Lexer(source, start);
        _current = _lexer.Next();
    }

    /// <summary>Parses a whole text as one expression.</summary>
    public static ExpressionNode Parse(ExpressionSource source, ExpressionLimits limits)
    {
        if (source.Text.Length > limits.MaxSourceLength)
        {
            throw TooLong(source, 0, limits);
        }

        var parser = new Parser(source, 0, limits);
        var node = parser.ParseExpression();
        if (parser._current.Kind != TokenKind.End)
        {
            throw parser.Unexpected("Expected an operator or the end of the expression");
        }

        return node;
    }

    /// <summary>Parses the expression of a template's <c>${ ... }</c> that starts at <paramref name="start"/>.</summary>
    /// <returns>The expression and the offset just after its closing brace.</returns>
    public static (ExpressionNode Node, int End) ParseEmbedded(ExpressionSource source, int start, ExpressionLimits limits)
    {
        var parser = new Parser(source, start, limits);
        if (parser._current.Kind == TokenKind.RightBrace)
        {
            throw source.Error(parser._current.Position, "Expected an expression inside '${ }'");
        }

        var node = parser.ParseExpression();
        if (parser._current.Kind != TokenKind.RightBrace)
        {
            throw parser._current.Kind == TokenKind.End
                ? source.Error(start - 2, "Unclosed '${'", "Close it with '}', or write '$${' for a literal '${'")
                : parser.Unexpected("Expected an operator or '}'");
        }

        if (parser._current.Position - start > limits.MaxSourceLength)
        {
            throw TooLong(source, start, limits);
        }

        return (node, parser._current.End);
    }

    private static ExpressionException TooLong(ExpressionSource source, int position, ExpressionLimits limits) =>
        source.Error(position, string.Create(CultureInfo.InvariantCulture, $"Expression is longer than {limits.MaxSourceLength} characters"));

    private void Advance() => _current = _lexer.Next();

    private Token Expect(TokenKind kind, string what)
    {
        if (_current.Kind != kind)
        {
            throw _current.Kind == TokenKind.End
                ? _source.Error(_current.Position, $"Expected {what}")
                : _source.Error(_current.Position, $"Expected {what} but found '{_current.Value}'");
        }

        var token = _current;
        Advance();
        return token;
    }

    private ExpressionException Unexpected(string? hint = null) => _current.Kind == TokenKind.End
        ? _source.Error(_current.Position, "Unexpected end of expression", hint)
        : _source.Error(_current.Position, $"Unexpected '{_current.Value}'", hint);

    private void Enter()
    {
        if (++_nesting > _limits.MaxDepth)
        {
            throw TooDeep(_current.Position);
        }
    }

    private void Leave() => _nesting--;

    private T Checked<T>(T node)
        where T : ExpressionNode => node.Depth > _limits.MaxDepth ? throw TooDeep(node.Position) : node;

    private ExpressionException TooDeep(int position) => _source.Error(
        position,
        string.Create(CultureInfo.InvariantCulture, $"Expression is nested more than {_limits.MaxDepth} levels deep"),
        "Split it into several steps");
}
