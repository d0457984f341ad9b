namespace FunctionsFlow.Storage.Secrets;

/// <summary>A secret store call failed. The message names the operation, the secret and the store's status and code,
/// never a value.</summary>
public sealed class SecretStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretStoreException(SecretStoreError error, string message, int? status = null)
        : base(message)
    {
        Error = error;
        Status = status;
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException()
        : this(SecretStoreError.Unavailable, "The secret store failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException(string message)
        : this(SecretStoreError.Unavailable, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = SecretStoreError.Unavailable;
    }

    /// <summary>Why it failed.</summary>
    public SecretStoreError Error { get; }

    /// <summary>The HTTP status the store answered, when it answered.</summary>
    public int? Status { get; }

    /// <summary>True when trying again later may help.</summary>
    public bool IsTransient => Error is SecretStoreError.Unavailable or SecretStoreError.Throttled;
}
