using System.Globalization;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>The text an expression came from, and the one way errors about it are worded.</summary>
internal sealed record ExpressionSource(string Text)
{
    private const int ExcerptLength = 100;

    /// <summary>An error at <paramref name="position"/>: "<paramref name="message"/> at 14 in '...'. <paramref name="hint"/>".</summary>
    public ExpressionException Error(int position, string message, string? hint = null, Exception? innerException = null)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{message} at {position} in '{Excerpt(position)}'");
        if (hint is not null)
        {
            text += ". " + hint;
        }

        return new ExpressionException(text, Text, position, innerException);
    }

    // Long sources are quoted around the position only, so a message stays readable (and small).
    private string Excerpt(int position)
    {
        if (Text.Length <= ExcerptLength)
        {
            return Text;
        }

        var start = Math.Clamp(position - (ExcerptLength / 2), 0, Text.Length - ExcerptLength);
        var prefix = start > 0 ? "..." : string.Empty;
        var suffix = start + ExcerptLength < Text.Length ? "..." : string.Empty;
        return string.Concat(prefix, Text.AsSpan(start, ExcerptLength), suffix);
    }
}
