namespace FunctionsFlow.Workflows.Connections;

/// <summary>A connection cannot be used and trying again will not help: it does not exist, it needs to be authorized
/// again, it expired, or it does not suit the step. The message says which and what to do; it never holds a secret.</summary>
public sealed class ConnectionUnusableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectionUnusableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionUnusableException()
        : this("The connection cannot be used.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionUnusableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
