using FunctionsFlow.Host;

var app = FunctionsFlowApp.Build(args);
await app.RunAsync().ConfigureAwait(false);

/// <summary>Entry point; public so integration tests can host the app in memory.</summary>
public partial class Program
{
}
