namespace FunctionsFlow.Workflows.Expressions.Values;

/// <summary>The arithmetic operators on numbers.</summary>
internal enum ArithmeticOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

/// <summary>Arithmetic that stays in decimal while every result is exact and falls back to double otherwise.</summary>
internal static class JsonArithmetic
{
    /// <summary>Applies <paramref name="op"/>; the caller refuses a zero divisor and a non-finite result.</summary>
    public static JsonNumber Apply(ArithmeticOperator op, JsonNumber left, JsonNumber right)
    {
        if (left.IsDecimal && right.IsDecimal && TryExact(op, left.Decimal, right.Decimal, out var exact))
        {
            return JsonNumber.From(exact);
        }

        var (a, b) = (left.Double, right.Double);
        return JsonNumber.From(op switch
        {
            ArithmeticOperator.Add => a + b,
            ArithmeticOperator.Subtract => a - b,
            ArithmeticOperator.Multiply => a * b,
            ArithmeticOperator.Divide => a / b,
            _ => a % b,
        });
    }

    // Decimal rounds instead of failing when a result needs more than 28 digits: a result is exact only when
    // its scale is the one exact arithmetic gives.
    private static bool TryExact(ArithmeticOperator op, decimal a, decimal b, out decimal result)
    {
        try
        {
            switch (op)
            {
                case ArithmeticOperator.Add:
                    result = a + b;
                    return result.Scale == Math.Max(a.Scale, b.Scale);
                case ArithmeticOperator.Subtract:
                    result = a - b;
                    return result.Scale == Math.Max(a.Scale, b.Scale);
                case ArithmeticOperator.Multiply:
                    return TryMultiply(a, b, out result);
                case ArithmeticOperator.Divide:
                    result = a / b;
                    return TryMultiply(result, b, out var back) && back == a;
                default:
                    result = a % b;
                    return true;
            }
        }
        catch (OverflowException)
        {
            result = 0;
            return false;
        }
    }

    private static bool TryMultiply(decimal a, decimal b, out decimal result)
    {
        result = a * b;
        return a.Scale + b.Scale <= 28 && result.Scale == a.Scale + b.Scale;
    }
}
