using System.Globalization;
using System.Text;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>Turns expression text into tokens, one at a time, so a template's parser can stop at its closing brace.</summary>
internal sealed class Lexer(ExpressionSource source, int start)
{
    private readonly string _text = source.Text;
    private int _position = start;
    private TokenKind _previous = TokenKind.End;

    /// <summary>Reads the next token; <see cref="TokenKind.End"/> at the end of the text.</summary>
    public Token Next()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }

        var token = _position >= _text.Length ? new Token(TokenKind.End, _text.Length, 0, string.Empty) : ReadToken();
        _position = token.End;
        _previous = token.Kind;
        return token;
    }

    private Token ReadToken()
    {
        var c = _text[_position];
        if (char.IsAsciiDigit(c))
        {
            return ReadNumber();
        }

        if (c is '\'' or '"')
        {
            return ReadString(c);
        }

        return JsonPathText.IsNameStart(c) ? ReadIdentifier() : ReadSymbol(c);
    }

    private Token ReadNumber()
    {
        var end = SkipDigits(_position);
        if (end + 1 < _text.Length && _text[end] == '.' && char.IsAsciiDigit(_text[end + 1]))
        {
            end = SkipDigits(end + 1);
        }

        if (end < _text.Length && _text[end] is 'e' or 'E')
        {
            var digits = end + 1 < _text.Length && _text[end + 1] is '+' or '-' ? end + 2 : end + 1;
            if (digits >= _text.Length || !char.IsAsciiDigit(_text[digits]))
            {
                throw source.Error(_position, "Malformed number: an exponent needs digits");
            }

            end = SkipDigits(digits);
        }

        return new Token(TokenKind.Number, _position, end - _position, _text[_position..end]);
    }

    private int SkipDigits(int index)
    {
        while (index < _text.Length && char.IsAsciiDigit(_text[index]))
        {
            index++;
        }

        return index;
    }

    // After a dot, a member name may hold inner hyphens (steps.cool-off.output), as step ids do.
    private Token ReadIdentifier()
    {
        var hyphens = _previous == TokenKind.Dot;
        var end = _position + 1;
        while (end < _text.Length && (JsonPathText.IsNamePart(_text[end]) || (hyphens && JsonPathText.IsInnerHyphen(_text, end))))
        {
            end++;
        }

        return new Token(TokenKind.Identifier, _position, end - _position, _text[_position..end]);
    }

    private Token ReadString(char quote)
    {
        var value = new StringBuilder();
        var index = _position + 1;
        while (index < _text.Length && _text[index] != quote)
        {
            if (_text[index] == '\\')
            {
                index = ReadEscape(index, value);
                continue;
            }

            value.Append(_text[index++]);
        }

        if (index >= _text.Length)
        {
            throw source.Error(_position, "Unterminated string", $"Close it with {quote}");
        }

        return new Token(TokenKind.String, _position, index + 1 - _position, value.ToString());
    }

    private int ReadEscape(int index, StringBuilder value)
    {
        var code = index + 1 < _text.Length ? _text[index + 1] : '\0';
        if (code == 'u')
        {
            var hex = index + 6 <= _text.Length ? _text.Substring(index + 2, 4) : string.Empty;
            if (!ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit))
            {
                throw source.Error(index, "Malformed escape: \\u needs four hexadecimal digits");
            }

            value.Append((char)unit);
            return index + 6;
        }

        value.Append(code switch
        {
            '\\' or '\'' or '"' or '/' => code,
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'b' => '\b',
            'f' => '\f',
            _ => throw source.Error(index, "Unknown escape", "Use \\\\, \\', \\\", \\/, \\n, \\r, \\t, \\b, \\f or \\uXXXX"),
        });
        return index + 2;
    }

    private Token ReadSymbol(char c)
    {
        var next = _position + 1 < _text.Length ? _text[_position + 1] : '\0';
        var (kind, length) = (c, next) switch
        {
            ('=', '=') => (TokenKind.EqualEqual, 2),
            ('!', '=') => (TokenKind.BangEqual, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('&', '&') => (TokenKind.AmpersandAmpersand, 2),
            ('|', '|') => (TokenKind.PipePipe, 2),
            ('?', '?') => (TokenKind.QuestionQuestion, 2),
            ('.', _) => (TokenKind.Dot, 1),
            (',', _) => (TokenKind.Comma, 1),
            (':', _) => (TokenKind.Colon, 1),
            ('?', _) => (TokenKind.Question, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('[', _) => (TokenKind.LeftBracket, 1),
            (']', _) => (TokenKind.RightBracket, 1),
            ('{', _) => (TokenKind.LeftBrace, 1),
            ('}', _) => (TokenKind.RightBrace, 1),
            ('+', _) => (TokenKind.Plus, 1),
            ('-', _) => (TokenKind.Minus, 1),
            ('*', _) => (TokenKind.Star, 1),
            ('/', _) => (TokenKind.Slash, 1),
            ('%', _) => (TokenKind.Percent, 1),
            ('!', _) => (TokenKind.Bang, 1),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            _ => throw UnexpectedCharacter(c),
        };
        return new Token(kind, _position, length, _text.Substring(_position, length));
    }

    private ExpressionException UnexpectedCharacter(char c)
    {
        var hint = c switch
        {
            '=' => "Compare with '=='",
            '&' => "Write 'and' or '&&'",
            '|' => "Write 'or' or '||'",
            _ => null,
        };
        return source.Error(_position, $"Unexpected character '{c}'", hint);
    }
}
