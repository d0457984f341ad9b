namespace FunctionsFlow.Workflows.Expressions;

/// <summary>The bounds every parse and evaluation stays within; going past one is an <see cref="ExpressionException"/>.</summary>
/// <remarks>They make an expression safe to run on untrusted definitions and data: no limit can be exceeded by a
/// stack overflow, a hang or an unbounded allocation first.</remarks>
public sealed record ExpressionLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>The longest expression source, in characters (for a template: each <c>${ }</c> on its own).</summary>
    public int MaxSourceLength { get; init; } = 4_096;

    /// <summary>How deeply an expression may nest (parentheses, operators, calls, literals).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>How many operations one evaluation may perform.</summary>
    public int MaxEvaluationSteps { get; init; } = 10_000;

    /// <summary>The longest string an evaluation may produce, in UTF-16 characters (1 MiB).</summary>
    public int MaxStringLength { get; init; } = 1_048_576;

    /// <summary>The most items an array built by an evaluation may have.</summary>
    public int MaxArrayItems { get; init; } = 10_000;

    /// <summary>How deeply arrays and objects may nest in values an evaluation reads, builds or parses.</summary>
    public int MaxValueDepth { get; init; } = 64;

    /// <summary>How many JSON values one evaluation may copy into the arrays and objects it builds.</summary>
    public int MaxCopiedValues { get; init; } = 100_000;
}
