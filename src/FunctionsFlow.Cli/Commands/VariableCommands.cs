using System.CommandLine;
using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>vars list|get|set|delete</c>: scoped variables. A scope is <c>global</c>, <c>user</c>,
/// <c>workflow:&lt;id&gt;</c> or <c>session:&lt;id&gt;</c> (the API's <c>workflows/&lt;id&gt;</c> and
/// <c>sessions/&lt;id&gt;</c> work too).</summary>
internal static class VariableCommands
{
    private const string ScopeHelp = "global, user, workflow:<id> or session:<id>";

    public static Command Build(CliApplication app)
    {
        var vars = new Command("vars", "Scoped variables: global, user, a workflow's or a session's");
        vars.Aliases.Add("variables");
        vars.Subcommands.Add(List(app));
        vars.Subcommands.Add(Get(app));
        vars.Subcommands.Add(Set(app));
        vars.Subcommands.Add(Delete(app));
        return vars;
    }

    /// <summary>The API path segments of a scope.</summary>
    internal static string[] Scope(string scope)
    {
        var parts = scope.Split([':', '/'], 2);
        return parts[0].ToLowerInvariant() switch
        {
            "global" or "user" when parts.Length == 1 => [parts[0].ToLowerInvariant()],
            "workflow" or "workflows" when parts.Length == 2 && parts[1].Length > 0 => ["workflows", parts[1]],
            "session" or "sessions" when parts.Length == 2 && parts[1].Length > 0 => ["sessions", parts[1]],
            _ => throw CliException.Usage($"'{scope}' is not a scope: use {ScopeHelp}."),
        };
    }

    private static Argument<string> ScopeArgument() => new("scope") { Description = ScopeHelp };

    private static Command List(CliApplication app)
    {
        var scope = ScopeArgument();
        var command = new Command("list", "Every variable of a scope") { scope };
        app.Handle(command, async context =>
        {
            var list = (await context.Api.GetAsync(ApiClient.Path(["variables", .. Scope(context.Get(scope)!)]), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(list, body => context.Render(Views.Table(
                ["KEY", "VALUE", "UPDATED"],
                Views.Items(body).Select(v => new[] { Views.Field(v, "key") ?? string.Empty, Views.Clip(Json(v), 80), Views.Field(v, "updatedAt") ?? string.Empty }))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Get(CliApplication app)
    {
        var scope = ScopeArgument();
        var key = new Argument<string>("key") { Description = "The variable's key" };
        var command = new Command("get", "One variable's value (its JSON)") { scope, key };
        app.Handle(command, async context =>
        {
            var variable = (await context.Api.GetAsync(ApiClient.Path(["variables", .. Scope(context.Get(scope)!), context.Get(key)!]), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(variable, body => context.Console.Output.WriteLine(Json(body)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CliApplication app)
    {
        var scope = ScopeArgument();
        var key = new Argument<string>("key") { Description = "The variable's key" };
        var value = new Argument<string>("value") { Description = "The value: JSON (e.g. 42, '\"text\"', '{\"a\":1}'), @file or - (standard input)" };
        var asString = new Option<bool>("--string", "-s") { Description = "Store the value as a JSON string, as typed" };
        var command = new Command("set", "Create or replace a variable (global needs the admin role)") { scope, key, value, asString };
        app.Handle(command, async context =>
        {
            var text = context.Get(asString)
                ? JsonSerializer.Serialize(Inputs.ReadText(context.Console, context.Get(value), "value"))
                : Inputs.ReadJson(context.Console, context.Get(value), "value")!;
            var variableKey = context.Get(key)!;
            var saved = (await context.Api.PutAsync(ApiClient.Path(["variables", .. Scope(context.Get(scope)!), variableKey]), text, context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(saved, _ => context.Say($"Set {variableKey}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(CliApplication app)
    {
        var scope = ScopeArgument();
        var key = new Argument<string>("key") { Description = "The variable's key" };
        var command = new Command("delete", "Remove a variable") { scope, key };
        app.Handle(command, async context =>
        {
            var variableKey = context.Get(key)!;
            await context.Api.DeleteAsync(ApiClient.Path(["variables", .. Scope(context.Get(scope)!), variableKey]), context.CancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new { key = variableKey, deleted = true });
            }

            context.Say($"Deleted {variableKey}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Json(JsonElement variable) => variable.TryGetProperty("value", out var v) ? v.GetRawText() : "null";
}
