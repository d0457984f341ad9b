using System.Buffers;
using System.Globalization;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>The values of the <c>format</c> keyword.</summary>
internal enum StringFormat
{
    DateTime,
    Email,
    Uri,
}

/// <summary>Checks of the supported formats, written as plain linear scans: no regular expression to go wrong.</summary>
internal static class StringFormats
{
    /// <summary>The format names, for messages.</summary>
    public const string Names = "date-time, email, uri";

    private static readonly SearchValues<char> EmailLocalCharacters = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-");

    private static readonly SearchValues<char> DomainCharacters = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static readonly SearchValues<char> SchemeCharacters = SearchValues.Create(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    /// <summary>Finds the format spelled <paramref name="name"/>.</summary>
    public static bool TryParse(string name, out StringFormat format)
    {
        (var known, format) = name switch
        {
            "date-time" => (true, StringFormat.DateTime),
            "email" => (true, StringFormat.Email),
            "uri" => (true, StringFormat.Uri),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>What a valid value looks like, for messages.</summary>
    public static string Describe(StringFormat format) => format switch
    {
        StringFormat.DateTime => "an RFC 3339 date-time such as 2024-05-31T14:30:00Z",
        StringFormat.Email => "an email address such as name@example.com",
        _ => "an absolute URI such as https://example.com/path",
    };

    /// <summary>True when <paramref name="value"/> is in <paramref name="format"/>.</summary>
    public static bool IsValid(StringFormat format, string value) => format switch
    {
        StringFormat.DateTime => IsDateTime(value),
        StringFormat.Email => IsEmail(value),
        _ => IsAbsoluteUri(value),
    };

    // RFC 3339 date-time: 2024-05-31T14:30:00(.123)?(Z|+02:00); a leap second only at 23:59:60 UTC.
    private static bool IsDateTime(string s)
    {
        if (s.Length < 20 || !Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' ||
            !Digits(s, 8, 2, out var day) || s[10] is not ('T' or 't') || !Digits(s, 11, 2, out var hour) || s[13] != ':' ||
            !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        var i = 19;
        if (s[i] == '.')
        {
            var digits = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == digits)
            {
                return false;
            }
        }

        if (!Offset(s, i, out var offsetMinutes) || year == 0 || month is < 1 or > 12 || day < 1 ||
            day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59)
        {
            return false;
        }

        var utcMinute = (((hour * 60) + minute - offsetMinutes) % 1440 + 1440) % 1440;
        return second <= 59 || (second == 60 && utcMinute == (23 * 60) + 59);
    }

    private static bool Offset(string s, int i, out int minutes)
    {
        minutes = 0;
        if (i == s.Length - 1 && s[i] is 'Z' or 'z')
        {
            return true;
        }

        if (i != s.Length - 6 || s[i] is not ('+' or '-') || !Digits(s, i + 1, 2, out var hours) || s[i + 3] != ':' ||
            !Digits(s, i + 4, 2, out var mins) || hours > 23 || mins > 59)
        {
            return false;
        }

        minutes = (s[i] == '-' ? -1 : 1) * ((hours * 60) + mins);
        return true;
    }

    private static bool Digits(string s, int start, int count, out int value)
    {
        value = 0;
        return start + count <= s.Length && !s.AsSpan(start, count).ContainsAnyExceptInRange('0', '9') &&
            int.TryParse(s.AsSpan(start, count), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    // A deliberately simple address: local@domain.tld with the usual unquoted characters, no comments or IP literals.
    private static bool IsEmail(string s)
    {
        var at = s.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at > 64 || at != s.LastIndexOf('@') || s.Length - at - 1 is < 3 or > 253)
        {
            return false;
        }

        var local = s.AsSpan(0, at);
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal) ||
            local.ContainsAnyExcept(EmailLocalCharacters))
        {
            return false;
        }

        var labels = s[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(label => label.Length is >= 1 and <= 63 && label[0] != '-' && label[^1] != '-' &&
            !label.AsSpan().ContainsAnyExcept(DomainCharacters));
    }

    // An explicit scheme is required: on Unix, Uri would otherwise read "/etc/passwd" as an absolute file URI.
    private static bool IsAbsoluteUri(string s)
    {
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(s[0]) &&
            !s.AsSpan(1, colon - 1).ContainsAnyExcept(SchemeCharacters) &&
            !s.AsSpan().ContainsAnyInRange('\0', ' ') && !s.AsSpan().ContainsAnyExceptInRange('\0', '\x7e') &&
            Uri.TryCreate(s, UriKind.Absolute, out _);
    }
}
