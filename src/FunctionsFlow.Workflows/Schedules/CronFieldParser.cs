namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Parses the text of one cron field: <c>*</c>, values, ranges, steps and lists.</summary>
internal static class CronFieldParser
{
    /// <summary>Parses <paramref name="text"/> as the field <paramref name="spec"/>.</summary>
    /// <returns>Null when the field is valid; otherwise the reason, a sentence naming the field and its offending text.</returns>
    public static string? TryParse(string text, CronFieldSpec spec, out CronField field)
    {
        field = default;
        var normalized = text.ToUpperInvariant();
        if (normalized == "?" && spec.AllowsQuestionMark)
        {
            normalized = "*";
        }

        ulong bits = 0;
        var isInterval = false;
        foreach (var item in normalized.Split(','))
        {
            var error = item.Length == 0
                ? $"the {spec.Name} field '{text}' has an empty list item; allowed values are {spec.Allowed}."
                : TryParseItem(item, spec, ref bits, ref isInterval);
            if (error is not null)
            {
                return error;
            }
        }

        field = new CronField(bits, normalized, IsAny: normalized == "*", isInterval);
        return null;
    }

    private static string? TryParseItem(string item, CronFieldSpec spec, ref ulong bits, ref bool isInterval)
    {
        var slash = item.IndexOf('/', StringComparison.Ordinal);
        var range = slash < 0 ? item : item[..slash];
        var step = 1;
        if (slash >= 0)
        {
            isInterval = true;
            if (!TryParseNumber(item.AsSpan(slash + 1), out step) || step < 1 || step > spec.StepLimit)
            {
                return $"the {spec.Name} field step '{item}' must be a whole number from 1 to {spec.StepLimit}.";
            }
        }

        int low, high;
        if (range == "*")
        {
            isInterval = true;
            (low, high) = (spec.Min, spec == CronFieldSpec.DayOfWeek ? 6 : spec.Max);
        }
        else if (range.IndexOf('-', StringComparison.Ordinal) is var dash and >= 0)
        {
            var lowError = TryParseValue(range[..dash], item, spec, isRangeEnd: false, out low);
            var highError = TryParseValue(range[(dash + 1)..], item, spec, isRangeEnd: true, out high);
            if ((lowError ?? highError) is { } error)
            {
                return error;
            }

            if (low > high)
            {
                return $"the {spec.Name} field range '{item}' is reversed; a range runs from low to high within {spec.Allowed}.";
            }
        }
        else
        {
            var error = TryParseValue(range, item, spec, isRangeEnd: false, out low);
            if (error is not null)
            {
                return error;
            }

            // "a/n" runs from a to the end of the field.
            high = slash >= 0 ? spec.Max : low;
        }

        for (var value = low; value <= high; value += step)
        {
            // 7 in the day of the week is Sunday, which is 0.
            bits |= 1UL << (spec == CronFieldSpec.DayOfWeek && value == 7 ? 0 : value);
        }

        return null;
    }

    private static string? TryParseValue(string text, string item, CronFieldSpec spec, bool isRangeEnd, out int value)
    {
        if (TryParseNumber(text, out value))
        {
            return value >= spec.Min && value <= spec.Max
                ? null
                : $"the {spec.Name} field value '{item}' is out of range; allowed values are {spec.Allowed}.";
        }

        value = spec.ValueOfName(text, isRangeEnd);
        if (value >= 0)
        {
            return null;
        }

        var kind = spec.HasNames ? "a number or a name" : "a number";
        return $"the {spec.Name} field value '{item}' is not {kind}; allowed values are {spec.Allowed}.";
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        if (text.Length is 0 or > 9)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
