using System.CommandLine;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary>The commands that remove one resource named by an argument (<c>DELETE</c> answered 204): they say so, or
/// in JSON mode print <c>{"&lt;key&gt;": …, "&lt;done&gt;": true}</c>.</summary>
internal static class Removal
{
    public static Command Build(
        CliApplication app,
        string name,
        string description,
        string argument,
        Func<string, string> path,
        string what,
        string key = "id",
        string done = "deleted")
    {
        var target = new Argument<string>(argument) { Description = $"The {what}'s {(key == "id" ? "id" : key)}" };
        var command = new Command(name, description) { target };
        app.Handle(command, async context =>
        {
            var value = context.Get(target)!;
            await context.Api.DeleteAsync(path(value), context.CancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(new Dictionary<string, object> { [key] = value, [done] = true });
            }

            context.Say($"{char.ToUpperInvariant(done[0])}{done[1..]} {what} {value}.");
            return ExitCodes.Success;
        });
        return command;
    }
}
