using System.CommandLine;
using FunctionsFlow.Cli.Infrastructure;
using Spectre.Console;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>config show|set|unset</c>: the config file that supplies <c>url</c>, <c>user</c>, <c>roles</c> and
/// <c>apiKey</c> when neither an option nor an environment variable does.</summary>
internal static class ConfigCommands
{
    public static Command Build(CliApplication app)
    {
        var config = new Command("config", "The config file: where the host is and who calls it");

        var show = new Command("show", "The config file's path and values (the API key masked)");
        app.Handle(show, context =>
        {
            var file = Load(context, app);
            var values = ConfigFile.Keys.ToDictionary(key => key, key => key == "apiKey" && file[key] is { } secret ? Mask(secret) : file[key]);
            if (context.Json)
            {
                context.WriteJson(new { path = file.Path, values });
            }
            else
            {
                context.Render(Views.Properties([("path", file.Path), .. values.Select(v => (v.Key, v.Value ?? "(not set)"))]));
            }

            return Task.FromResult(ExitCodes.Success);
        });

        var key = new Argument<string>("key") { Description = "url, user, roles or apiKey" };
        key.AcceptOnlyFromAmong(ConfigFile.Keys);
        var value = new Argument<string?>("value") { Description = "The value (not for apiKey: it is asked for, or read from standard input)", Arity = ArgumentArity.ZeroOrOne };
        var set = new Command("set", "Set a value in the config file") { key, value };
        app.Handle(set, context =>
        {
            var name = context.Get(key)!;
            var given = context.Get(value);
            string text;
            if (name == "apiKey")
            {
                if (given is not null)
                {
                    throw CliException.Usage("An API key is never taken from an argument: run 'functionsflow config set apiKey' and type it, or pipe it in.");
                }

                text = context.Console.InputRedirected ? context.Console.Input.ReadToEnd().Trim()
                    : context.Console.Interactive ? context.Console.Err.Prompt(new TextPrompt<string>("API key:").Secret())
                    : throw CliException.Usage("The API key is read from a prompt or standard input.");
            }
            else
            {
                text = given ?? throw CliException.Usage($"Give the value of {name}.");
            }

            if (text.Length == 0)
            {
                throw CliException.Usage($"The value of {name} is empty: 'functionsflow config unset {name}' removes it.");
            }

            if (name == "url")
            {
                _ = Caller.ParseUrl(text);
            }

            var file = Load(context, app);
            file.Set(name, text);
            context.Say($"Set {name} in {file.Path}.");
            return Task.FromResult(ExitCodes.Success);
        });

        var unsetKey = new Argument<string>("key") { Description = "url, user, roles or apiKey" };
        unsetKey.AcceptOnlyFromAmong(ConfigFile.Keys);
        var unset = new Command("unset", "Remove a value from the config file") { unsetKey };
        app.Handle(unset, context =>
        {
            var file = Load(context, app);
            file.Set(context.Get(unsetKey)!, null);
            context.Say($"Removed {context.Get(unsetKey)} from {file.Path}.");
            return Task.FromResult(ExitCodes.Success);
        });

        config.Subcommands.Add(show);
        config.Subcommands.Add(set);
        config.Subcommands.Add(unset);
        return config;
    }

    private static ConfigFile Load(CliContext context, CliApplication app) =>
        ConfigFile.Load(ConfigFile.Locate(context.Console.Environment, context.Result.GetValue(app.Config)));

    private static string Mask(string secret) => secret.Length <= 8 ? "********" : $"{secret[..4]}… ({secret.Length} characters)";
}
