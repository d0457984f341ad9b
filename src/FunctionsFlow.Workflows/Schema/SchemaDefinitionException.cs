namespace FunctionsFlow.Workflows.Schema;

/// <summary>A schema that cannot be used: every problem found, each with its path in the schema.</summary>
public sealed class SchemaDefinitionException : Exception
{
    /// <summary>Creates an exception listing <paramref name="errors"/>.</summary>
    public SchemaDefinitionException(IReadOnlyList<SchemaError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception without errors.</summary>
    public SchemaDefinitionException()
        : this("The schema is not valid.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public SchemaDefinitionException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public SchemaDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every problem in the schema, in the order found.</summary>
    public IReadOnlyList<SchemaError> Errors { get; }

    private static string Describe(IReadOnlyList<SchemaError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return "The schema is not valid:" + string.Concat(errors.Select(error => Environment.NewLine + error));
    }
}
