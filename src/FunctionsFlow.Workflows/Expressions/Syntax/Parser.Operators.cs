namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>The operator levels: conditional, coalescing, binary operators by precedence, prefix operators.</summary>
internal sealed partial class Parser
{
    // Binary operators by precedence, lowest first; each entry matches a token kind or a word.
    private static readonly (TokenKind Kind, string? Word, BinaryOperator Operator)[][] Levels =
    [
        [(TokenKind.PipePipe, null, BinaryOperator.Or), (TokenKind.Identifier, "or", BinaryOperator.Or)],
        [(TokenKind.AmpersandAmpersand, null, BinaryOperator.And), (TokenKind.Identifier, "and", BinaryOperator.And)],
        [(TokenKind.EqualEqual, null, BinaryOperator.Equal), (TokenKind.BangEqual, null, BinaryOperator.NotEqual)],
        [
            (TokenKind.Less, null, BinaryOperator.Less), (TokenKind.LessEqual, null, BinaryOperator.LessOrEqual),
            (TokenKind.Greater, null, BinaryOperator.Greater), (TokenKind.GreaterEqual, null, BinaryOperator.GreaterOrEqual),
        ],
        [(TokenKind.Plus, null, BinaryOperator.Add), (TokenKind.Minus, null, BinaryOperator.Subtract)],
        [
            (TokenKind.Star, null, BinaryOperator.Multiply), (TokenKind.Slash, null, BinaryOperator.Divide),
            (TokenKind.Percent, null, BinaryOperator.Remainder),
        ],
    ];

    private ExpressionNode ParseExpression()
    {
        Enter();
        var node = ParseCoalesce();
        if (_current.Kind == TokenKind.Question)
        {
            var position = _current.Position;
            Advance();
            var whenTrue = ParseExpression();
            Expect(TokenKind.Colon, "':'");
            var whenFalse = ParseExpression();
            node = Checked(new ConditionalNode(position, node, whenTrue, whenFalse));
        }

        Leave();
        return node;
    }

    // a ?? b ?? c groups to the right, built from a list so a long chain needs no recursion.
    private ExpressionNode ParseCoalesce()
    {
        var operands = new List<(int Position, ExpressionNode Node)> { (-1, ParseBinary(0)) };
        while (_current.Kind == TokenKind.QuestionQuestion)
        {
            var position = _current.Position;
            Advance();
            operands.Add((position, ParseBinary(0)));
        }

        var node = operands[^1].Node;
        for (var i = operands.Count - 2; i >= 0; i--)
        {
            node = Checked(new BinaryNode(operands[i + 1].Position, BinaryOperator.Coalesce, "??", operands[i].Node, node));
        }

        return node;
    }

    private ExpressionNode ParseBinary(int level)
    {
        if (level == Levels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (MatchOperator(Levels[level]) is { } op)
        {
            var (position, symbol) = (_current.Position, _current.Value);
            Advance();
            var right = ParseBinary(level + 1);
            left = Checked(new BinaryNode(position, op, symbol, left, right));
        }

        return left;
    }

    private BinaryOperator? MatchOperator((TokenKind Kind, string? Word, BinaryOperator Operator)[] level)
    {
        foreach (var (kind, word, op) in level)
        {
            if (_current.Kind == kind && (word is null || _current.IsWord(word)))
            {
                return op;
            }
        }

        return null;
    }

    // not(x) is the function; not x, !x and -x are prefix operators.
    private ExpressionNode ParseUnary()
    {
        var token = _current;
        var op = token.Kind switch
        {
            TokenKind.Minus => UnaryOperator.Negate,
            TokenKind.Bang => UnaryOperator.Not,
            TokenKind.Identifier when token.IsWord("not") => UnaryOperator.Not,
            _ => (UnaryOperator?)null,
        };
        if (op is null)
        {
            return ParsePostfix(ParsePrimary());
        }

        Advance();
        if (token.Kind == TokenKind.Identifier && _current.Kind == TokenKind.LeftParen)
        {
            return ParsePostfix(ParseCall(token));
        }

        Enter();
        var operand = ParseUnary();
        Leave();
        return Checked(new UnaryNode(token.Position, op.Value, token.Value, operand));
    }
}
