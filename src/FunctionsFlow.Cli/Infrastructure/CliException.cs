namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>A failure the command reports to its user as one message (and, for an API problem, its field errors) with an
/// exit code; never a stack trace.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, IReadOnlyList<string>? details = null)
        : base(message)
    {
        ExitCode = exitCode;
        Details = details ?? [];
    }

    public CliException()
        : this(ExitCodes.Failed, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failed, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failed;
        Details = [];
    }

    public int ExitCode { get; }

    /// <summary>Lines printed under the message: the field errors of a problem, a hint.</summary>
    public IReadOnlyList<string> Details { get; }

    public static CliException Usage(string message, params string[] details) => new(ExitCodes.Usage, message, details);
}
