using System.CommandLine;
using System.Text;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>resume &lt;key&gt; --data</c>: the resume webhook, as the party a wait's link was given to calls it; and
/// <c>resume --execution &lt;id&gt;</c>: the operator's resume of a suspended execution.</summary>
internal static class ResumeCommand
{
    private const string Marker = "/api/resume/";

    public static Command Build(CliApplication app)
    {
        var key = new Argument<string?>("key") { Description = "The suspension key, or the whole resume link; - reads it from standard input (kept out of the process list)", Arity = ArgumentArity.ZeroOrOne };
        var data = new Option<string>("--data", "-d") { Description = "The input the wait expects: JSON, @file or - (standard input)" };
        var show = new Option<bool>("--show") { Description = "Only show what the wait expects (its name, expiry and schema); the key stays unused" };
        var execution = new Option<string>("--execution") { Description = "Resume this suspended execution (operator) instead of calling a resume link" };
        var reason = new Option<string>("--reason") { Description = "With --execution: why (kept in the history)" };
        var command = new Command("resume", "Resume a waiting flow with its resume link, or a suspended execution with --execution") { key, data, show, execution, reason };
        command.Validators.Add(result =>
        {
            var hasKey = result.GetValue(key) is not null;
            if (result.GetValue(execution) is not null)
            {
                if (hasKey || result.GetValue(data) is not null || result.GetValue(show))
                {
                    result.AddError("--execution resumes a suspended execution: give it alone (with --reason), not with a key, --data or --show.");
                }
            }
            else if (!hasKey)
            {
                result.AddError("Give the suspension key (or resume link), or --execution <id> to resume a suspended execution.");
            }
            else if (result.GetValue(key) == "-" && result.GetValue(data) == "-")
            {
                result.AddError("Standard input can hold the key or the data, not both.");
            }
        });

        app.Handle(command, async context =>
        {
            if (context.Get(execution) is { } executionId)
            {
                await context.Api.PostAsync(ApiClient.WithQuery(ApiClient.Path("executions", executionId, "resume"), ("reason", context.Get(reason))), null, context.CancellationToken).ConfigureAwait(false);
                return ExecutionCommands.Accepted(context, executionId, $"Resuming {executionId}.");
            }

            var suspensionKey = KeyOf(Inputs.ReadText(context.Console, context.Get(key), "key")!);
            var path = ApiClient.Path("resume", suspensionKey);
            try
            {
                if (context.Get(show))
                {
                    var wait = (await context.Api.GetAsync(path, context.CancellationToken).ConfigureAwait(false)).Json;
                    context.Write(wait, body =>
                    {
                        context.Render(Views.Properties([("Waiting for", Views.Field(body, "name")), ("Expires", Views.Field(body, "expiresAt") ?? "never")]));
                        if (Views.Field(body, "schema") is { } schema)
                        {
                            context.Say("Schema: " + schema);
                        }
                    });
                    return ExitCodes.Success;
                }

                var payload = Inputs.ReadJson(context.Console, context.Get(data), "--data");
                var accepted = (await context.Api.SendAsync(HttpMethod.Post, path, payload is null ? null : new StringContent(payload, Encoding.UTF8, ApiClient.JsonType), context.CancellationToken).ConfigureAwait(false)).Json;
                context.Write(accepted, body => context.Say($"Resumed {Views.Field(body, "executionId")}."));
                return ExitCodes.Success;
            }
            catch (CliException ex) when (ex.ExitCode == ExitCodes.NotFound)
            {
                throw new CliException(ex.ExitCode, "404: no wait has this key (unknown, or mistyped).", ["To resume an execution an operator suspended: functionsflow resume --execution <id>"]);
            }
        });
        return command;
    }

    /// <summary>The key from a key or a whole resume link.</summary>
    internal static string KeyOf(string value)
    {
        var text = value.Trim();
        var at = text.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (at >= 0)
        {
            text = text[(at + Marker.Length)..];
            var end = text.IndexOfAny(['?', '#', '/']);
            text = end >= 0 ? text[..end] : text;
        }

        return text.Length > 0 ? Uri.UnescapeDataString(text) : throw CliException.Usage("The key is empty.");
    }
}
