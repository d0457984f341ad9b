using System.Globalization;
using System.Text;

namespace FunctionsFlow.Workflows.Expressions.Values;

/// <summary>Writes member and index steps of a path: <c>.name</c> where the name reads as one, <c>['a b']</c> where not.</summary>
internal static class JsonPathText
{
    /// <summary>Appends a member step.</summary>
    /// <param name="builder">The path so far.</param>
    /// <param name="name">The member name.</param>
    /// <param name="allowHyphens">Whether a dotted name may hold inner hyphens, as expression member names may.</param>
    public static void AppendMember(StringBuilder builder, string name, bool allowHyphens)
    {
        if (IsPlainName(name, allowHyphens))
        {
            builder.Append('.').Append(name);
            return;
        }

        builder.Append("['");
        foreach (var c in name)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append("']");
    }

    /// <summary>Appends an index step.</summary>
    public static void AppendIndex(StringBuilder builder, int index) =>
        builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');

    /// <summary>True for a letter or underscore followed by letters, digits and underscores (and inner hyphens when allowed).</summary>
    public static bool IsPlainName(string name, bool allowHyphens)
    {
        if (name.Length == 0 || !IsNameStart(name[0]))
        {
            return false;
        }

        for (var i = 1; i < name.Length; i++)
        {
            if (!IsNamePart(name[i]) && !(allowHyphens && IsInnerHyphen(name, i)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hyphen after a name character and before a letter, as in <c>cool-off</c>; <c>count-1</c> stays a subtraction.</summary>
    public static bool IsInnerHyphen(string text, int index) =>
        text[index] == '-' && index > 0 && IsNamePart(text[index - 1]) && index + 1 < text.Length && char.IsAsciiLetter(text[index + 1]);

    /// <summary>A character that may start a name.</summary>
    public static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>A character that may continue a name.</summary>
    public static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
