namespace FunctionsFlow.Storage;

/// <summary>A failed Azure Storage request, translated at the REST boundary.</summary>
/// <remarks>Every client in this assembly throws this one type for service errors, so callers branch on
/// <see cref="Status"/> and <see cref="ErrorCode"/> rather than on transport details.</remarks>
public sealed class StorageException : Exception
{
    /// <summary>Creates an exception for a service answer.</summary>
    public StorageException(int status, string? errorCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
        ErrorCode = errorCode;
    }

    /// <summary>The HTTP status code the service answered with.</summary>
    public int Status { get; }

    /// <summary>The service's error code (for example <c>EntityAlreadyExists</c> or <c>LeaseAlreadyPresent</c>).</summary>
    public string? ErrorCode { get; }

    /// <summary>For a failed entity-group transaction, the index of the operation that failed.</summary>
    public int? FailedOperationIndex { get; init; }

    /// <summary>409: the resource exists already, or a lease or other state is in the way.</summary>
    public bool IsConflict => Status == 409;

    /// <summary>412: a condition (ETag, lease) did not hold.</summary>
    public bool IsPreconditionFailed => Status == 412;

    /// <summary>404: the resource, or the pop receipt, is not there.</summary>
    public bool IsNotFound => Status == 404;

    /// <summary>Creates an exception without requiring callers to name the parameter.</summary>
    public StorageException()
        : this(0, null, "Storage request failed.")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public StorageException(string message)
        : this(0, null, message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public StorageException(string message, Exception innerException)
        : this(0, null, message, innerException)
    {
    }
}
