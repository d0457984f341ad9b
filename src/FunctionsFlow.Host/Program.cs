using FunctionsFlow.Host;
using FunctionsFlow.Host.Security.ApiKeys;

if (args is [ApiKeyCommand.Name, ..])
{
    return await ApiKeyCommand.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
}

var app = FunctionsFlowApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
return 0;

/// <summary>Entry point; public so integration tests can host the app in memory.</summary>
public partial class Program
{
}
