namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>One token: its kind, where it starts, how long it is, and its value (a name, a decoded string, a number's text).</summary>
internal readonly record struct Token(TokenKind Kind, int Position, int Length, string Value)
{
    /// <summary>The offset just after the token.</summary>
    public int End => Position + Length;

    /// <summary>True for the identifier <paramref name="word"/>.</summary>
    public bool IsWord(string word) => Kind == TokenKind.Identifier && string.Equals(Value, word, StringComparison.Ordinal);
}
