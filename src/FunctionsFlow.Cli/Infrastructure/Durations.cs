using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Xml;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>Durations on the command line: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, ISO 8601
/// (<c>PT30S</c>) or .NET's <c>00:00:30</c>.</summary>
internal static class Durations
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        var trimmed = text.Trim();
        foreach (var (suffix, unit) in new[] { ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0), ("h", 3_600_000.0), ("d", 86_400_000.0) })
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && !(suffix == "s" && trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase)))
            {
                value = TimeSpan.FromMilliseconds(amount * unit);
                return true;
            }
        }

        if (trimmed.StartsWith('P'))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(trimmed);
                return true;
            }
            catch (FormatException)
            {
            }
        }

        return TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A duration option with a default and a lower bound.</summary>
    public static Option<TimeSpan> Option(string name, string description, TimeSpan defaultValue, TimeSpan minimum) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, minimum),
    };

    private static TimeSpan Parse(ArgumentResult result, string name, TimeSpan minimum)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (!TryParse(text, out var value))
        {
            result.AddError($"{name} '{text}' is not a duration: use 500ms, 30s, 5m, 2h, 1d or ISO 8601 (PT30S).");
            return default;
        }

        if (value < minimum)
        {
            result.AddError($"{name} must be at least {minimum.TotalMilliseconds:0} ms.");
        }

        return value;
    }
}
