namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>The prefix operators.</summary>
internal enum UnaryOperator
{
    Negate,
    Not,
}

/// <summary>The infix operators.</summary>
internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    Coalesce,
}
