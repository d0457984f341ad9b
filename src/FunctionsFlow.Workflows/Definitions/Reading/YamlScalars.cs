using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Turns YAML scalars into JSON values by the YAML 1.2 core schema: a plain <c>true</c> is a boolean, a plain
/// <c>42</c> a number, <c>null</c>/<c>~</c>/nothing is null, <c>yes</c> and <c>PT10M</c> are strings, and anything
/// quoted is a string.</summary>
internal static partial class YamlScalars
{
    /// <summary>The prefix of the YAML core tags (<c>!!str</c> is this followed by <c>str</c>).</summary>
    public const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>Converts <paramref name="scalar"/>, or says why it has no JSON value.</summary>
    public static bool TryConvert(Scalar scalar, out JsonNode? value, [NotNullWhen(false)] out string? problem)
    {
        var tag = scalar.Tag;
        var text = scalar.Value;
        problem = null;
        value = null;
        if (tag.IsEmpty && scalar.Style == ScalarStyle.Plain)
        {
            return TryResolvePlain(text, out value, out problem);
        }

        if (tag.IsEmpty || tag.IsNonSpecific || tag.Value == CoreTagPrefix + "str")
        {
            value = JsonValue.Create(text);
            return true;
        }

        var expected = tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? tag.Value[CoreTagPrefix.Length..] : null;
        if (expected is "null" or "bool" or "int" or "float" && TryResolvePlain(text, out value, out problem) && Matches(expected, value))
        {
            return true;
        }

        value = null;
        problem = expected is "null" or "bool" or "int" or "float"
            ? $"'{text}' is not a valid !!{expected}"
            : $"has the tag {tag.Value}, which is not supported";
        return false;
    }

    private static bool TryResolvePlain(string text, out JsonNode? value, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        value = null;
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return true;
            case "true" or "True" or "TRUE":
                value = JsonValue.Create(true);
                return true;
            case "false" or "False" or "FALSE":
                value = JsonValue.Create(false);
                return true;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                problem = $"'{text}' is not a number JSON can hold";
                return false;
        }

        if (TryInteger(text, out var integer))
        {
            value = JsonValue.Create(integer);
            return true;
        }

        if (FloatPattern().IsMatch(text))
        {
            var number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(number))
            {
                problem = $"'{text}' is out of range for a number";
                return false;
            }

            value = JsonValue.Create(number);
            return true;
        }

        value = JsonValue.Create(text);
        return true;
    }

    // Decimal, 0o octal and 0x hexadecimal integers; one past the range of a long reads as a float.
    private static bool TryInteger(string text, out long value)
    {
        value = 0;
        if (text.StartsWith("0x", StringComparison.Ordinal) && text.Length > 2)
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value) && value >= 0;
        }

        if (text.StartsWith("0o", StringComparison.Ordinal) && text.Length > 2 && text.AsSpan(2).IndexOfAnyExceptInRange('0', '7') < 0)
        {
            try
            {
                value = Convert.ToInt64(text[2..], 8);
                return value >= 0;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static bool Matches(string expected, JsonNode? value) => expected switch
    {
        "null" => value is null,
        "bool" => value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "int" => value is JsonValue number && number.TryGetValue<long>(out _),
        _ => value?.GetValueKind() == JsonValueKind.Number,
    };

    [GeneratedRegex("^[-+]?[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
