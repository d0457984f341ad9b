using System.Numerics;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>One parsed field of a cron expression: the set of values it matches, as bits.</summary>
/// <param name="Bits">Bit <c>v</c> is set when the field matches value <c>v</c>.</param>
/// <param name="Text">The field as written, normalized (upper case, <c>?</c> as <c>*</c>).</param>
/// <param name="IsAny">True when the field is <c>*</c> or <c>?</c>: it restricts nothing.</param>
/// <param name="IsInterval">True when the field has a wildcard or a step, so it describes elapsed time
/// rather than fixed clock values.</param>
internal readonly record struct CronField(ulong Bits, string Text, bool IsAny, bool IsInterval)
{
    /// <summary>True when the field matches <paramref name="value"/>.</summary>
    public bool Contains(int value) => (uint)value < 64 && (Bits & (1UL << value)) != 0;

    /// <summary>The smallest matching value at or above <paramref name="value"/>, or -1 when there is none.</summary>
    public int NextAtOrAfter(int value)
    {
        if ((uint)value >= 64)
        {
            return -1;
        }

        var rest = Bits >> value;
        return rest == 0 ? -1 : value + BitOperations.TrailingZeroCount(rest);
    }
}
