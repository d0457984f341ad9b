using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Expressions.Values;

/// <summary>A JSON number held as a <see cref="decimal"/> when that is exact, and as a <see cref="double"/> otherwise.</summary>
/// <remarks>Decimal keeps money-like values exact (<c>0.1 + 0.2 == 0.3</c>); double covers what decimal cannot
/// hold (very large or very small magnitudes, inexact quotients).</remarks>
internal readonly struct JsonNumber
{
    // Dividing by one with 28 zeros drops trailing zeros, so 1.50 * 2 prints as 3 rather than 3.00.
    private const decimal One = 1.0000000000000000000000000000m;

    private readonly decimal _decimal;
    private readonly double _double;

    private JsonNumber(decimal value)
    {
        _decimal = value;
        _double = (double)value;
        IsDecimal = true;
    }

    private JsonNumber(double value)
    {
        _double = value;
        IsDecimal = false;
    }

    /// <summary>True when the value is held exactly as a decimal.</summary>
    public bool IsDecimal { get; }

    /// <summary>True unless the value is NaN or infinite (which JSON cannot carry).</summary>
    public bool IsFinite => IsDecimal || double.IsFinite(_double);

    /// <summary>True when the value is zero.</summary>
    public bool IsZero => IsDecimal ? _decimal == 0 : _double == 0;

    /// <summary>True when the value has no fractional part.</summary>
    public bool IsInteger => IsDecimal ? decimal.IsInteger(_decimal) : double.IsInteger(_double);

    /// <summary>The value as a decimal, when it is held as one.</summary>
    public decimal Decimal => _decimal;

    /// <summary>The value as a double.</summary>
    public double Double => _double;

    public static JsonNumber From(decimal value) => new(value);

    public static JsonNumber From(double value) => new(value);

    /// <summary>Reads a number node, whatever CLR type backs it.</summary>
    public static bool TryRead(JsonNode? node, out JsonNumber number)
    {
        number = default;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (value.TryGetValue<decimal>(out var d) && value.TryGetValue<double>(out var f))
        {
            number = Choose(d, f);
            return true;
        }

        if (value.TryGetValue<double>(out f))
        {
            number = From(f);
            return true;
        }

        if (value.TryGetValue<decimal>(out d))
        {
            number = From(d);
            return true;
        }

        // Backed by some other CLR type (int, long, float...): its JSON text is exact.
        return TryParse(value.ToJsonString(), out number);
    }

    /// <summary>Parses invariant decimal or exponent notation; NaN and infinities are refused.</summary>
    public static bool TryParse(string text, out JsonNumber number)
    {
        number = default;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) || !double.IsFinite(f))
        {
            return false;
        }

        number = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? Choose(d, f) : From(f);
        return true;
    }

    /// <summary>Compares two numbers by value, whatever they are held as.</summary>
    public int CompareTo(JsonNumber other) =>
        IsDecimal && other.IsDecimal ? _decimal.CompareTo(other._decimal) : _double.CompareTo(other._double);

    /// <summary>A new JSON node for the value, trailing zeros dropped.</summary>
    public JsonValue ToNode() => IsDecimal ? JsonValue.Create(_decimal / One) : JsonValue.Create(_double);

    /// <inheritdoc />
    public override string ToString() => IsDecimal
        ? (_decimal / One).ToString(CultureInfo.InvariantCulture)
        : _double.ToString("R", CultureInfo.InvariantCulture);

    // Decimal parsing rounds silently (1e-50 becomes 0); keep the decimal only when it says the same as the double.
    private static JsonNumber Choose(decimal d, double f) => (double)d == f ? From(d) : From(f);
}
