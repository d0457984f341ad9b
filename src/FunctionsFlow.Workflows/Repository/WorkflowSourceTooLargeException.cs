using System.Globalization;

namespace FunctionsFlow.Workflows.Repository;

/// <summary>A source text is larger than <see cref="WorkflowRepository.MaxSourceBytes"/> (an HTTP 413); nothing was
/// stored.</summary>
public sealed class WorkflowSourceTooLargeException : Exception
{
    /// <summary>Creates the exception for a source of <paramref name="size"/> UTF-8 bytes.</summary>
    public WorkflowSourceTooLargeException(long size, long limit)
        : base(string.Create(CultureInfo.InvariantCulture, $"The source is {size} bytes of UTF-8; the limit is {limit}."))
    {
        Size = size;
        Limit = limit;
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowSourceTooLargeException()
        : this("The source is too large.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowSourceTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowSourceTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The source's size in UTF-8 bytes, when known.</summary>
    public long Size { get; }

    /// <summary>The largest size allowed, when known.</summary>
    public long Limit { get; }
}
