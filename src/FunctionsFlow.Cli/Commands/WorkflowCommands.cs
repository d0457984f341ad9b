using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;
using Spectre.Console;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>workflow apply|list|show|publish|delete|template</c>: workflow definitions.</summary>
internal static class WorkflowCommands
{
    public static Command Build(CliApplication app)
    {
        var workflow = new Command("workflow", "Workflow definitions: save drafts from YAML or JSON, publish versions, list, show, delete");
        workflow.Aliases.Add("workflows");
        workflow.Subcommands.Add(Apply(app));
        workflow.Subcommands.Add(List(app));
        workflow.Subcommands.Add(Show(app));
        workflow.Subcommands.Add(Publish(app));
        workflow.Subcommands.Add(Delete(app));
        return workflow;
    }

    private static Command Apply(CliApplication app)
    {
        var file = new Option<string>("--file", "-f") { Description = "The definition: a .yaml/.yml or .json file, or - for standard input", Required = true };
        var id = new Option<string>("--id") { Description = "The workflow id (default: the definition's own id)" };
        var publish = new Option<bool>("--publish") { Description = "Publish the draft as the next version once saved" };
        var command = new Command("apply", "Create or replace a workflow's draft from a file (and publish it with --publish)") { file, id, publish };
        app.Handle(command, async context =>
        {
            var path = context.Get(file)!;
            var text = Inputs.ReadText(context.Console, path == "-" ? "-" : "@" + path, "--file")!;
            var isJson = path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || (path == "-" && text.TrimStart().StartsWith('{'));
            var workflowId = context.Get(id) ?? DefinitionId(text, isJson)
                ?? throw CliException.Usage("The definition has no top-level id: add one, or give --id.");
            var content = new StringContent(text, Encoding.UTF8);
            content.Headers.ContentType = new MediaTypeHeaderValue(isJson ? ApiClient.JsonType : ApiClient.YamlType) { CharSet = "utf-8" };
            var saved = await context.Api.SendAsync(HttpMethod.Put, ApiClient.Path("workflows", workflowId), content, context.CancellationToken).ConfigureAwait(false);
            var verb = saved.Status == HttpStatusCode.Created ? "Created" : "Replaced";
            if (!context.Get(publish))
            {
                context.Write(saved.Json, body => context.Say($"{verb} the draft of {workflowId}."));
                return ExitCodes.Success;
            }

            var published = await context.Api.PostAsync(ApiClient.Path("workflows", workflowId, "publish"), null, context.CancellationToken).ConfigureAwait(false);
            context.Write(published.Json, body => context.Say($"{verb} the draft of {workflowId} and published it as version {Views.Field(body, "version")}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliApplication app)
    {
        var state = new Option<string>("--state") { Description = "Only Draft or Published workflows" };
        state.AcceptOnlyFromAmong("Draft", "Published");
        var paging = new Paging();
        var command = new Command("list", "The caller's workflows") { state };
        paging.AddTo(command);
        app.Handle(command, async context =>
        {
            var page = await paging.ListAsync(context, ApiClient.Path("workflows"), ("state", context.Get(state))).ConfigureAwait(false);
            context.Write(page, body =>
            {
                context.Render(Views.Table(
                    ["ID", "NAME", "STATE", "VERSION", "UPDATED"],
                    Views.Items(body).Select(w => new[] { Views.Field(w, "id") ?? string.Empty, Views.Field(w, "name") ?? string.Empty, Views.Field(w, "state") ?? string.Empty, Views.Field(w, "version") ?? string.Empty, Views.Field(w, "updatedAt") ?? string.Empty })));
                Paging.HintNext(context, body);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliApplication app)
    {
        var id = new Argument<string>("workflow") { Description = "The workflow id" };
        var definition = new Option<bool>("--definition") { Description = "Print only the definition's source, as saved" };
        var command = new Command("show", "A workflow: its state, versions and definition") { id, definition };
        app.Handle(command, async context =>
        {
            var workflow = (await context.Api.GetAsync(ApiClient.Path("workflows", context.Get(id)!), context.CancellationToken).ConfigureAwait(false)).Json;
            if (context.Get(definition) && !context.Json)
            {
                context.Console.Output.WriteLine(Views.Field(workflow, "definition"));
                return ExitCodes.Success;
            }

            context.Write(workflow, body =>
            {
                context.Render(Views.Properties(
                [
                    ("Id", Views.Field(body, "id")),
                    ("Name", Views.Field(body, "name")),
                    ("Description", Views.Field(body, "description")),
                    ("State", Views.Field(body, "state")),
                    ("Version", Views.Field(body, "version")),
                    ("Created", Views.Field(body, "createdAt")),
                    ("Updated", Views.Field(body, "updatedAt")),
                    ("Published", string.Join(", ", Views.Items(body.GetProperty("versions")).Select(v => $"v{Views.Field(v, "version")} at {Views.Field(v, "publishedAt")}")) is { Length: > 0 } versions ? versions : "never"),
                ]));
                context.Render(new Rule("definition (" + Views.Field(body, "contentType") + ")").LeftJustified());
                context.Console.Output.WriteLine(Views.Field(body, "definition"));
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Publish(CliApplication app)
    {
        var id = new Argument<string>("workflow") { Description = "The workflow id" };
        var command = new Command("publish", "Freeze the draft as the next immutable version") { id };
        app.Handle(command, async context =>
        {
            var published = (await context.Api.PostAsync(ApiClient.Path("workflows", context.Get(id)!, "publish"), null, context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(published, body => context.Say($"Published {Views.Field(body, "id")} as version {Views.Field(body, "version")}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(CliApplication app) => Removal.Build(
        app, "delete", "Delete a workflow (its executions keep the version they run)", "workflow", id => ApiClient.Path("workflows", id), "workflow");

    /// <summary>The definition's top-level <c>id</c>; null when it has none. A file that does not parse is a usage error
    /// here; with <c>--id</c> it is sent as it is, and the host answers with every problem and its line.</summary>
    internal static string? DefinitionId(string text, bool isJson)
    {
        try
        {
            if (isJson)
            {
                using var document = JsonDocument.Parse(text);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }

            var yaml = new YamlStream();
            yaml.Load(new StringReader(text));
            return yaml.Documents.Count > 0
                && yaml.Documents[0].RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("id"), out var node)
                && node is YamlScalarNode { Value: { Length: > 0 } scalar }
                ? scalar
                : null;
        }
        catch (Exception ex) when (ex is JsonException or YamlException)
        {
            throw CliException.Usage($"The definition does not parse: {ex.Message}", "Give --id to send it anyway and see the host's errors by line.");
        }
    }
}
