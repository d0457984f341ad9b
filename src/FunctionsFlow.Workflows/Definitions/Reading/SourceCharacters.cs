using System.Globalization;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Finds characters no definition may hold: C0 control characters other than tab, line feed and carriage
/// return, the non-characters U+FFFE and U+FFFF, and halves of surrogate pairs (text that was not valid UTF-8).</summary>
internal static class SourceCharacters
{
    /// <summary>The first invalid character, with its line and column; false when there is none.</summary>
    public static bool TryFindInvalid(string text, out SourceLocation at, out string message)
    {
        var (line, lineStart) = (1, 0);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                (line, lineStart) = (line + 1, i + 1);
                continue;
            }

            var pairedHigh = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pairedHigh)
            {
                i++;
                continue;
            }

            if ((c < ' ' && c is not '\t' and not '\r') || c is '\uFFFE' or '\uFFFF' || char.IsSurrogate(c))
            {
                at = new SourceLocation(line, i - lineStart + 1);
                message = string.Create(
                    CultureInfo.InvariantCulture, $"holds the character U+{(int)c:X4}, which a definition may not contain: is the text UTF-8?");
                return true;
            }
        }

        (at, message) = (default, string.Empty);
        return false;
    }
}
