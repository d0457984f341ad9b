using FunctionsFlow.Cli;
using FunctionsFlow.Cli.Infrastructure;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await CliApplication.RunAsync(args, CliConsole.ForProcess(), cancellation.Token).ConfigureAwait(false);
