using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>health</c> and <c>emergency on|off</c>.</summary>
internal static class AdminCommands
{
    public static IEnumerable<Command> Build(CliApplication app) => [Health(app), Emergency(app)];

    private static Command Health(CliApplication app)
    {
        var command = new Command("health", "The host's health: heartbeat, emergency mode, counts and alerts (exit 1 when Unhealthy)");
        app.Handle(command, async context =>
        {
            var health = (await context.Api.GetAsync(ApiClient.Path("health"), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(health, h =>
            {
                var emergency = h.TryGetProperty("emergency", out var e) && e.TryGetProperty("active", out var active) && active.GetBoolean()
                    ? $"ON since {Views.Field(e, "since")}: {Views.Field(e, "reason")}"
                    : "off";
                var counts = h.TryGetProperty("counts", out var c) && c.ValueKind == JsonValueKind.Object
                    ? string.Join(", ", c.EnumerateObject().Select(p => $"{p.Name} {p.Value}"))
                    : null;
                context.Render(Views.Properties(
                [
                    ("Status", Views.Field(h, "status")),
                    ("Last heartbeat", Views.Field(h, "lastHeartbeat") ?? "never"),
                    ("Emergency", emergency),
                    ("Counts", counts),
                    ("Average duration", h.TryGetProperty("averageDurationMs", out var ms) && ms.ValueKind == JsonValueKind.Number ? Views.Duration(TimeSpan.FromMilliseconds(ms.GetDouble())) : null),
                ]));
                var alerts = h.TryGetProperty("alerts", out var a) ? a.EnumerateArray().ToList() : [];
                if (alerts.Count > 0)
                {
                    context.Render(Views.Table(["LEVEL", "CATEGORY", "MESSAGE"], alerts.Select(x => new[] { Views.Field(x, "level") ?? string.Empty, Views.Field(x, "category") ?? string.Empty, Views.Field(x, "message") ?? string.Empty })));
                }
            });
            return Views.Field(health, "status") == "Unhealthy" ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }

    private static Command Emergency(CliApplication app)
    {
        var reason = new Option<string>("--reason") { Description = "Why (shown to everyone whose start is refused)", Required = true };
        var on = new Command("on", "Stop starting and dispatching: starts answer 503, no step runs, nothing is lost (admin)") { reason };
        app.Handle(on, async context =>
        {
            var answer = await context.Api.PostAsync(ApiClient.Path("admin", "emergency"), new JsonObject { ["reason"] = context.Get(reason) }.ToJsonString(), context.CancellationToken).ConfigureAwait(false);
            Done(context, answer, "Emergency mode is on: starts are refused and no step is dispatched until 'functionsflow emergency off'.");
            return ExitCodes.Success;
        });

        var off = new Command("off", "Lift emergency mode: everything continues where it stopped (admin)");
        app.Handle(off, async context =>
        {
            var answer = await context.Api.DeleteAsync(ApiClient.Path("admin", "emergency"), context.CancellationToken).ConfigureAwait(false);
            Done(context, answer, "Emergency mode is off.");
            return ExitCodes.Success;
        });

        return new Command("emergency", "Emergency mode: stop all work at once, and lift it (needs the admin role)") { on, off };
    }

    private static void Done(CliContext context, ApiResponse answer, string sentence)
    {
        if (context.Json)
        {
            context.WriteJson(answer.Body ?? JsonSerializer.SerializeToElement(new { }));
        }

        context.Say(sentence);
    }
}
