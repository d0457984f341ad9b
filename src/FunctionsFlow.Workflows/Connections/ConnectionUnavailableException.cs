namespace FunctionsFlow.Workflows.Connections;

/// <summary>A connection could not be used just now (the secret store or the token endpoint failed or throttled):
/// a retry may succeed. The message never holds a secret.</summary>
public sealed class ConnectionUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConnectionUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionUnavailableException()
        : this("The connection is not available just now.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConnectionUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
