using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli;

/// <summary>The <c>functionsflow</c> process: Ctrl+C cancels the command under way (exit 130).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };

        return await CliApplication.RunAsync(args, CliConsole.ForProcess(), cancellation.Token).ConfigureAwait(false);
    }
}
