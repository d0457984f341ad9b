using System.CommandLine;
using System.Text.Json.Nodes;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>sessions create|show|update|extend|delete</c>: sessions with a time to live.</summary>
internal static class SessionCommands
{
    public static Command Build(CliApplication app)
    {
        var sessions = new Command("sessions", "Sessions: data with a time to live, and a variable scope of their own");
        sessions.Aliases.Add("session");

        var data = new Option<string>("--data", "-d") { Description = "The session's data: JSON, @file or - (standard input)" };
        var ttl = new Option<string>("--ttl") { Description = "How long it lives: an ISO 8601 duration (PT30M) or seconds", Required = true };
        var create = new Command("create", "Start a session") { data, ttl };
        app.Handle(create, async context =>
        {
            var body = new JsonObject
            {
                ["data"] = Data(context, data),
                ["ttl"] = long.TryParse(context.Get(ttl), out var seconds) ? JsonValue.Create(seconds) : JsonValue.Create(context.Get(ttl)),
            };
            var created = (await context.Api.PostAsync(ApiClient.Path("sessions"), body.ToJsonString(), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(created, c => context.Say($"Created session {Views.Field(c, "id")}, expires {Views.Field(c, "expiresAt")}."));
            return ExitCodes.Success;
        });
        sessions.Subcommands.Add(create);

        var showId = new Argument<string>("id") { Description = "The session id" };
        var show = new Command("show", "A session's data and expiry") { showId };
        app.Handle(show, async context =>
        {
            var session = (await context.Api.GetAsync(ApiClient.Path("sessions", context.Get(showId)!), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(session, s => context.Render(Views.Properties([("Id", Views.Field(s, "id")), ("Expires", Views.Field(s, "expiresAt")), ("Data", Views.Field(s, "data") ?? "null")])));
            return ExitCodes.Success;
        });
        sessions.Subcommands.Add(show);

        var updateId = new Argument<string>("id") { Description = "The session id" };
        var updateData = new Option<string>("--data", "-d") { Description = "The new data: JSON, @file or - (standard input)", Required = true };
        var update = new Command("update", "Replace a session's data") { updateId, updateData };
        app.Handle(update, async context =>
        {
            var body = new JsonObject { ["data"] = Data(context, updateData) };
            var updated = (await context.Api.PutAsync(ApiClient.Path("sessions", context.Get(updateId)!), body.ToJsonString(), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(updated, _ => context.Say($"Updated session {context.Get(updateId)}."));
            return ExitCodes.Success;
        });
        sessions.Subcommands.Add(update);

        var extendId = new Argument<string>("id") { Description = "The session id" };
        var by = new Option<string>("--by") { Description = "How much longer: an ISO 8601 duration or seconds", Required = true };
        var extend = new Command("extend", "Make a session live longer") { extendId, by };
        app.Handle(extend, async context =>
        {
            var body = new JsonObject { ["by"] = long.TryParse(context.Get(by), out var seconds) ? JsonValue.Create(seconds) : JsonValue.Create(context.Get(by)) };
            var extended = (await context.Api.PostAsync(ApiClient.Path("sessions", context.Get(extendId)!, "extend"), body.ToJsonString(), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(extended, e => context.Say($"Session {context.Get(extendId)} now expires {Views.Field(e, "expiresAt")}."));
            return ExitCodes.Success;
        });
        sessions.Subcommands.Add(extend);

        var delete = Removal.Build(app, "delete", "End a session (its variables go with it)", "id", id => ApiClient.Path("sessions", id), "session");
        sessions.Subcommands.Add(delete);
        return sessions;
    }

    private static JsonNode? Data(CliContext context, Option<string> option) =>
        Inputs.ReadJson(context.Console, context.Get(option), "--data") is { } json ? JsonNode.Parse(json) : null;
}
