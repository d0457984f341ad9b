namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>How a command prints its answer: for people, or the API's JSON for scripts.</summary>
internal enum OutputFormat
{
    /// <summary>Tables, trees and sentences.</summary>
    Table,

    /// <summary>The API's JSON answer, indented, and nothing else on standard output.</summary>
    Json,
}
