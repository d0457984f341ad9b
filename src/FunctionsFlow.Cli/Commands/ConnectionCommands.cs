using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Cli.Infrastructure;
using Spectre.Console;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>connections list|show|set|delete</c>. Secrets are read from a prompt at a terminal or from standard input,
/// never from an argument (arguments land in shell history and the process list); the API never sends them back.</summary>
internal static class ConnectionCommands
{
    /// <summary>Each type's secret fields: the required ones, then the optional ones.</summary>
    private static readonly Dictionary<string, (string[] Required, string[] Optional)> Secrets = new(StringComparer.Ordinal)
    {
        ["apiKey"] = (["apiKey"], []),
        ["basic"] = (["username", "password"], []),
        ["webhook"] = (["url"], []),
        ["oauth2"] = ([], ["accessToken", "refreshToken", "clientSecret"]),
    };

    public static Command Build(CliApplication app)
    {
        var connections = new Command("connections", "Credentials that steps use by name (metadata only comes back)");
        connections.Aliases.Add("connection");
        connections.Subcommands.Add(List(app));
        connections.Subcommands.Add(Show(app));
        connections.Subcommands.Add(Set(app));
        connections.Subcommands.Add(Delete(app));
        return connections;
    }

    private static IEnumerable<string> Row(JsonElement c) =>
    [
        Views.Field(c, "name") ?? string.Empty, Views.Field(c, "type") ?? string.Empty, Views.Field(c, "status") ?? string.Empty,
        Views.Field(c, "expiresAt") ?? "never", Views.Field(c, "lastUsedAt") ?? "never",
    ];

    private static Command List(CliApplication app)
    {
        var command = new Command("list", "The caller's connections");
        app.Handle(command, async context =>
        {
            var list = (await context.Api.GetAsync(ApiClient.Path("connections"), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(list, body => context.Render(Views.Table(["NAME", "TYPE", "STATUS", "EXPIRES", "LAST USED"], Views.Items(body).Select(Row))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliApplication app)
    {
        var name = new Argument<string>("name") { Description = "The connection's name" };
        var command = new Command("show", "A connection's metadata") { name };
        app.Handle(command, async context =>
        {
            var connection = (await context.Api.GetAsync(ApiClient.Path("connections", context.Get(name)!), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(connection, c => context.Render(Views.Properties(c.EnumerateObject().Select(p => (p.Name, Views.Value(p.Value))))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CliApplication app)
    {
        var name = new Argument<string>("name") { Description = "The connection's name" };
        var type = new Option<string>("--type") { Description = "apiKey, basic, webhook or oauth2", Required = true };
        type.AcceptOnlyFromAmong([.. Secrets.Keys]);
        var header = new Option<string>("--header") { Description = "apiKey: the header that carries the key (default: the host's)" };
        var tokenEndpoint = new Option<string>("--token-endpoint") { Description = "oauth2: where a refresh token is exchanged" };
        var clientId = new Option<string>("--client-id") { Description = "oauth2: the client id for refreshing" };
        var scopes = new Option<string[]>("--scopes") { Description = "oauth2: the scopes granted", AllowMultipleArgumentsPerToken = true };
        var expiresAt = new Option<DateTimeOffset?>("--expires-at") { Description = "When the credential expires" };
        var command = new Command(
            "set",
            "Create or replace a connection. Its secrets are asked for at a terminal, or read from standard input: a JSON object of the secret fields, " +
            "or for apiKey, webhook and oauth2 (access token) the value itself.")
        { name, type, header, tokenEndpoint, clientId, scopes, expiresAt };
        app.Handle(command, async context =>
        {
            var connectionType = context.Get(type)!;
            var body = ReadSecrets(context, connectionType);
            body["type"] = connectionType;
            foreach (var (field, value) in new[] { ("header", context.Get(header)), ("tokenEndpoint", context.Get(tokenEndpoint)), ("clientId", context.Get(clientId)) })
            {
                if (value is not null)
                {
                    body[field] = value;
                }
            }

            if (context.Get(scopes) is { Length: > 0 } granted)
            {
                body["scopes"] = new JsonArray([.. granted.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(s => (JsonNode)s)]);
            }

            if (context.Get(expiresAt) is { } expires)
            {
                body["expiresAt"] = expires.ToString("O");
            }

            var connectionName = context.Get(name)!;
            var saved = (await context.Api.PutAsync(ApiClient.Path("connections", connectionName), body.ToJsonString(), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(saved, c => context.Say($"Saved connection {connectionName} ({Views.Field(c, "type")}, {Views.Field(c, "status")})."));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The secret fields, from standard input when it is redirected, else from prompts that do not echo.</summary>
    private static JsonObject ReadSecrets(CliContext context, string type)
    {
        var (required, optional) = Secrets[type];
        var fields = required.Concat(optional).ToArray();
        if (context.Console.InputRedirected)
        {
            var text = context.Console.Input.ReadToEnd().Trim();
            if (text.StartsWith('{'))
            {
                JsonObject given;
                try
                {
                    given = JsonNode.Parse(text) as JsonObject ?? [];
                }
                catch (JsonException ex)
                {
                    throw CliException.Usage($"Standard input is not a JSON object of secret fields: {ex.Message}");
                }

                if (given.Select(p => p.Key).FirstOrDefault(key => !fields.Contains(key)) is { } unknown)
                {
                    throw CliException.Usage($"Standard input names '{unknown}', which is not a secret field of {type}: {string.Join(", ", fields)}. Give metadata with options.");
                }

                return given;
            }

            var single = required.Length == 1 ? required[0] : type == "oauth2" ? "accessToken" : null;
            if (single is null || text.Length == 0)
            {
                throw CliException.Usage($"Standard input must hold the secret fields of {type} as a JSON object: {{{string.Join(", ", fields.Select(f => $"\"{f}\": \"…\""))}}}.");
            }

            return new JsonObject { [single] = text };
        }

        if (!context.Console.Interactive)
        {
            throw CliException.Usage("Secrets are read from a prompt at a terminal or from standard input, never from arguments: pipe them in.");
        }

        var secrets = new JsonObject();
        foreach (var field in fields)
        {
            var prompt = new TextPrompt<string>($"{field}{(required.Contains(field) ? string.Empty : " (optional)")}:").Secret();
            prompt.AllowEmpty = !required.Contains(field);
            var value = context.Console.Err.Prompt(prompt);
            if (value.Length > 0)
            {
                secrets[field] = value;
            }
        }

        return secrets;
    }

    private static Command Delete(CliApplication app) => Removal.Build(
        app, "delete", "Delete a connection and its secret", "name", name => ApiClient.Path("connections", name), "connection", key: "name");
}
