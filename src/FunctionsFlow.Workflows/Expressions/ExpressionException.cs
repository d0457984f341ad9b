namespace FunctionsFlow.Workflows.Expressions;

/// <summary>An expression or template that cannot be parsed or evaluated.</summary>
/// <remarks>The message is written for a workflow author: it says what is wrong, where (a 0-based character
/// offset into <see cref="Expression"/>) and, where it helps, what would be accepted instead.</remarks>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates an exception for a problem in <paramref name="expression"/>.</summary>
    public ExpressionException(string message, string? expression, int? position, Exception? innerException = null)
        : base(message, innerException)
    {
        Expression = expression;
        Position = position;
    }

    /// <summary>Creates an exception without a message.</summary>
    public ExpressionException()
        : this("The expression is not valid.", null, null)
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public ExpressionException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public ExpressionException(string message, Exception innerException)
        : this(message, null, null, innerException)
    {
    }

    /// <summary>The text of the expression or template, when known.</summary>
    public string? Expression { get; }

    /// <summary>The 0-based character offset in <see cref="Expression"/> where the problem is, when known.</summary>
    public int? Position { get; }
}
