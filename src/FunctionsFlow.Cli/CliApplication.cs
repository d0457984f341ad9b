using System.CommandLine;
using FunctionsFlow.Cli.Commands;
using FunctionsFlow.Cli.Infrastructure;
using Spectre.Console;

namespace FunctionsFlow.Cli;

/// <summary>The <c>functionsflow</c> tool: its options shared by every command, its command tree and how a run turns
/// into an exit code. <see cref="RunAsync"/> is what <c>Program</c> calls, and what the tests call with their own
/// console.</summary>
public sealed class CliApplication
{
    private readonly CliConsole _console;

    private CliApplication(CliConsole console)
    {
        _console = console;
    }

    internal Option<string> Url { get; } = new("--url") { Description = "The host's base URL [env FUNCTIONSFLOW_URL; default http://localhost:7071]", Recursive = true };

    internal Option<string> User { get; } = new("--user") { Description = "The caller in the Development auth mode (X-FunctionsFlow-User) [env FUNCTIONSFLOW_USER]", Recursive = true };

    internal Option<string> Roles { get; } = new("--roles") { Description = "Roles in the Development auth mode, e.g. admin [env FUNCTIONSFLOW_ROLES]", Recursive = true };

    internal Option<string> ApiKey { get; } = new("--api-key") { Description = "An API key for the ApiKey auth mode [env FUNCTIONSFLOW_API_KEY]", Recursive = true };

    internal Option<string> Config { get; } = new("--config") { Description = "The config file [env FUNCTIONSFLOW_CONFIG; default ~/.config/functionsflow/config.json]", Recursive = true };

    internal Option<OutputFormat> Output { get; } = new("--output", "-o") { Description = "table for people, json for scripts", Recursive = true, DefaultValueFactory = _ => OutputFormat.Table };

    /// <summary>Runs the tool once and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var app = new CliApplication(console);
        var root = app.BuildRoot();
        // No response files: '@file' is the tool's own way to name a file holding JSON (--input @order.json).
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                console.Err.Write(new Text($"error: {error.Message}{Environment.NewLine}"));
            }

            var command = string.Join(' ', result.CommandResult.Command is RootCommand ? [] : CommandPath(result.CommandResult));
            console.Err.Write(new Text($"Run 'functionsflow {command}{(command.Length > 0 ? " " : string.Empty)}--help' for usage.{Environment.NewLine}"));
            return ExitCodes.Usage;
        }

        try
        {
            return await result.InvokeAsync(new InvocationConfiguration { Output = console.Output, Error = console.Error, EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Err.Write(new Text($"Cancelled.{Environment.NewLine}"));
            return 130;
        }
    }

    /// <summary>Gives a command its action: the context made from the shared options, the run, and failures printed as
    /// an error line (and its details) with their exit code.</summary>
    internal void Handle(Command command, Func<CliContext, Task<int>> run)
    {
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                // The caller is resolved when a command first calls the API, so 'config' can mend a config file that names a bad URL.
                ApiClient CreateApi() => new(Caller.Resolve(
                    result.GetValue(Url), result.GetValue(User), result.GetValue(Roles), result.GetValue(ApiKey), _console.Environment,
                    ConfigFile.Load(ConfigFile.Locate(_console.Environment, result.GetValue(Config)))));
                using var context = new CliContext(result, _console, result.GetValue(Output), CreateApi, cancellationToken);
                return await run(context).ConfigureAwait(false);
            }
            catch (CliException ex)
            {
                _console.Err.Write(new Text($"error: {ex.Message}{Environment.NewLine}"));
                foreach (var line in ex.Details)
                {
                    _console.Err.Write(new Text($"  {line}{Environment.NewLine}"));
                }

                return ex.ExitCode;
            }
        });
    }

    private static IEnumerable<string> CommandPath(System.CommandLine.Parsing.CommandResult result)
    {
        var names = new Stack<string>();
        for (var current = result; current is not null && current.Command is not RootCommand; current = current.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(current.Command.Name);
        }

        return names;
    }

    private RootCommand BuildRoot()
    {
        var root = new RootCommand("functionsflow: start, watch and steer FunctionsFlow workflows from the command line (a client of the host's HTTP API).");
        root.Options.Add(Url);
        root.Options.Add(User);
        root.Options.Add(Roles);
        root.Options.Add(ApiKey);
        root.Options.Add(Config);
        root.Options.Add(Output);

        root.Subcommands.Add(WorkflowCommands.Build(this));
        foreach (var command in ExecutionCommands.Build(this))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(VariableCommands.Build(this));
        root.Subcommands.Add(SessionCommands.Build(this));
        root.Subcommands.Add(ScheduleCommands.Build(this));
        root.Subcommands.Add(ConnectionCommands.Build(this));
        foreach (var command in AdminCommands.Build(this))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(ConfigCommands.Build(this));
        return root;
    }
}
