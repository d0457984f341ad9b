namespace FunctionsFlow.Workflows.Variables;

/// <summary>Which limit a variable operation broke.</summary>
public enum VariableLimitKind
{
    /// <summary>The key is empty, too long or has a character keys may not have.</summary>
    InvalidKey,

    /// <summary>The value is larger than a value may be.</summary>
    ValueTooLarge,

    /// <summary>The scope would hold too many keys or too many bytes.</summary>
    ScopeFull,
}

/// <summary>A variable operation was refused because it breaks a limit; nothing was changed.</summary>
public sealed class VariableLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VariableLimitException(VariableLimitKind kind, string message)
        : base(message) => Kind = kind;

    /// <summary>Creates the exception.</summary>
    public VariableLimitException()
        : this(VariableLimitKind.InvalidKey, "A variable limit was exceeded.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public VariableLimitException(string message)
        : this(VariableLimitKind.InvalidKey, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public VariableLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The limit.</summary>
    public VariableLimitKind Kind { get; }
}
