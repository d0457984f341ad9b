using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Evaluation;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>Values and what follows them: literals, roots, calls, member access and indexing.</summary>
internal sealed partial class Parser
{
    private ExpressionNode ParsePostfix(ExpressionNode node)
    {
        while (true)
        {
            var position = _current.Position;
            if (_current.Kind == TokenKind.Dot)
            {
                Advance();
                var name = Expect(TokenKind.Identifier, "a member name after '.'");
                node = Checked(new MemberNode(position, node, name.Value));
            }
            else if (_current.Kind == TokenKind.LeftBracket)
            {
                Advance();
                var index = ParseExpression();
                Expect(TokenKind.RightBracket, "']'");
                node = Checked(new IndexNode(position, node, index));
            }
            else
            {
                return node;
            }
        }
    }

    private ExpressionNode ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return JsonNumber.TryParse(token.Value, out var number)
                    ? new LiteralNode(token.Position, number.ToNode())
                    : throw _source.Error(token.Position, "Number is out of range");
            case TokenKind.String:
                Advance();
                return new LiteralNode(token.Position, JsonValue.Create(token.Value));
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression();
                Expect(TokenKind.RightParen, "')'");
                return inner;
            case TokenKind.LeftBracket:
                return ParseArray();
            case TokenKind.LeftBrace:
                return ParseObject();
            case TokenKind.Identifier:
                Advance();
                return _current.Kind == TokenKind.LeftParen ? ParseCall(token) : ParseName(token);
            default:
                throw Unexpected("Expected a value");
        }
    }

    private ExpressionNode ParseName(Token name)
    {
        switch (name.Value)
        {
            case "true" or "false":
                return new LiteralNode(name.Position, JsonValue.Create(name.Value == "true"));
            case "null":
                return new LiteralNode(name.Position, null);
        }

        if (ExpressionRoots.TryParse(name.Value, out var root))
        {
            return new RootNode(name.Position, root);
        }

        var hint = BuiltInFunctions.TryGet(name.Value, out var function)
            ? $"'{name.Value}' is a function: call it as {function.Usage}"
            : $"An expression reads from {ExpressionRoots.List}";
        throw _source.Error(name.Position, $"Unknown name '{name.Value}'", hint);
    }

    private CallNode ParseCall(Token name)
    {
        if (!BuiltInFunctions.TryGet(name.Value, out var function))
        {
            throw _source.Error(name.Position, $"Unknown function '{name.Value}'", $"Known functions: {BuiltInFunctions.List}");
        }

        var arguments = ParseList(TokenKind.LeftParen, TokenKind.RightParen, "')'");
        if (arguments.Length < function.MinArguments || arguments.Length > function.MaxArguments)
        {
            throw _source.Error(name.Position, string.Create(CultureInfo.InvariantCulture,
                $"Function '{function.Name}' does not take {arguments.Length} argument{(arguments.Length == 1 ? "" : "s")}"),
                $"Call it as {function.Usage}");
        }

        return Checked(new CallNode(name.Position, function, arguments));
    }

    private ArrayNode ParseArray()
    {
        var position = _current.Position;
        return Checked(new ArrayNode(position, ParseList(TokenKind.LeftBracket, TokenKind.RightBracket, "',' or ']'")));
    }

    private ImmutableArray<ExpressionNode> ParseList(TokenKind open, TokenKind close, string closeText)
    {
        Expect(open, open == TokenKind.LeftParen ? "'('" : "'['");
        var items = ImmutableArray.CreateBuilder<ExpressionNode>();
        if (_current.Kind != close)
        {
            do
            {
                items.Add(ParseExpression());
            }
            while (TryAccept(TokenKind.Comma));
        }

        Expect(close, closeText);
        return items.ToImmutable();
    }

    private ObjectNode ParseObject()
    {
        var position = Expect(TokenKind.LeftBrace, "'{'").Position;
        var members = ImmutableArray.CreateBuilder<KeyValuePair<string, ExpressionNode>>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (_current.Kind != TokenKind.RightBrace)
        {
            do
            {
                var key = _current.Kind is TokenKind.Identifier or TokenKind.String
                    ? _current
                    : throw Unexpected("Expected a member name (a name or a quoted string)");
                if (!names.Add(key.Value))
                {
                    throw _source.Error(key.Position, $"Duplicate member '{key.Value}'");
                }

                Advance();
                Expect(TokenKind.Colon, "':'");
                members.Add(new(key.Value, ParseExpression()));
            }
            while (TryAccept(TokenKind.Comma));
        }

        Expect(TokenKind.RightBrace, "',' or '}'");
        return Checked(new ObjectNode(position, members.ToImmutable()));
    }

    private bool TryAccept(TokenKind kind)
    {
        if (_current.Kind != kind)
        {
            return false;
        }

        Advance();
        return true;
    }
}
