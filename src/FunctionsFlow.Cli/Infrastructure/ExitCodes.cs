namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>The process exit codes, stable for scripts (docs/cli.md lists them).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An execution that was waited for ended Failed or Terminated, <c>health</c> found the host Unhealthy, or an
    /// unexpected answer.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: an unknown command or option, a missing argument, a file that cannot be
    /// read, input that is not JSON.</summary>
    public const int Usage = 2;

    /// <summary>The API refused the request as invalid (400, 413, 415, 422): the errors are printed by path.</summary>
    public const int Invalid = 3;

    /// <summary>The API answered 404: no such resource, or not the caller's.</summary>
    public const int NotFound = 4;

    /// <summary>The API answered 409 or 410 (already running, still running, already used, ended), or 412.</summary>
    public const int Conflict = 5;

    /// <summary>The API answered 401 or 403: no caller, a wrong key, or not allowed.</summary>
    public const int Unauthorized = 6;

    /// <summary>The host could not be reached, timed out, or answered 429 or 5xx (503 in an emergency).</summary>
    public const int Unavailable = 7;

    /// <summary><c>--timeout</c> passed before what was waited for happened.</summary>
    public const int TimedOut = 8;

    /// <summary>The exit code for an HTTP status the API answered with.</summary>
    public static int ForStatus(int status) => status switch
    {
        400 or 413 or 415 or 422 => Invalid,
        401 or 403 => Unauthorized,
        404 => NotFound,
        409 or 410 or 412 => Conflict,
        408 or 429 or >= 500 => Unavailable,
        _ => Failed,
    };
}
