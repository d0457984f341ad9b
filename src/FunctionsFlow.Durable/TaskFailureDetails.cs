namespace FunctionsFlow.Durable;

/// <summary>What went wrong in an activity, sub-orchestration or orchestrator, as recorded in history.</summary>
public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures an exception (and its inner exceptions).</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new TaskFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is { } inner ? FromException(inner) : null);
    }

    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> (by name).</summary>
    public bool IsCausedBy<T>()
        where T : Exception =>
        ErrorType == typeof(T).FullName || InnerFailure?.IsCausedBy<T>() == true;
}
