using System.CommandLine;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary>Executions: <c>start</c>, <c>status</c>, <c>list</c>, <c>history</c>, <c>steps</c>, <c>checkpoints</c>,
/// <c>events raise</c>, <c>resume</c>, <c>waits</c> and the operator's <c>suspend</c>, <c>terminate</c>, <c>restart</c>,
/// <c>purge</c>.</summary>
internal static class ExecutionCommands
{
    public static IEnumerable<Command> Build(CliApplication app) =>
    [
        Start(app), Status(app), List(app), History(app), Steps(app), Checkpoints(app), Events(app), Waits(app),
        ResumeCommand.Build(app), Suspend(app), Terminate(app), Restart(app), Purge(app),
    ];

    private static Command Start(CliApplication app)
    {
        var workflow = new Argument<string>("workflow") { Description = "The workflow id (or with --orchestrator, a code-first orchestrator's name)" };
        var input = new Option<string>("--input", "-i") { Description = "The input: JSON, @file or - (standard input)" };
        var instanceId = new Option<string>("--instance-id") { Description = "Choose the execution's id" };
        var idempotencyKey = new Option<string>("--idempotency-key") { Description = "The same key again returns the first execution" };
        var orchestrator = new Option<bool>("--orchestrator") { Description = "Start a code-first orchestrator instead of a workflow" };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait until it ends or waits, showing its progress" };
        var watch = new Watch();
        var command = new Command("start", "Start the latest published version of a workflow") { workflow, input, instanceId, idempotencyKey, orchestrator, wait };
        watch.AddTo(command);
        app.Handle(command, async context =>
        {
            var body = Inputs.ReadJson(context.Console, context.Get(input), "--input");
            var name = context.Get(workflow)!;
            var id = context.Get(instanceId);
            var path = context.Get(orchestrator)
                ? ApiClient.Path(id is null ? ["orchestrators", name] : ["orchestrators", name, id])
                : ApiClient.WithQuery(ApiClient.Path("workflows", name, "executions"), ("instanceId", id));
            var headers = context.Get(idempotencyKey) is { } key ? new Dictionary<string, string> { ["Idempotency-Key"] = key } : null;
            var started = (await context.Api.SendAsync(HttpMethod.Post, path, body is null ? null : new StringContent(body, Encoding.UTF8, ApiClient.JsonType), context.CancellationToken, headers).ConfigureAwait(false)).Json;
            var executionId = Views.Field(started, "id")!;
            if (!context.Get(wait))
            {
                context.Write(started, _ => context.Say($"Started {executionId}. Follow it: functionsflow status {executionId} --watch"));
                return ExitCodes.Success;
            }

            context.Note($"Started {executionId}.");
            return Settle(context, await watch.UntilSettledAsync(context, executionId).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Status(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var watchOption = new Option<bool>("--watch", "-w") { Description = "Keep looking until it ends or waits, showing its progress" };
        var watch = new Watch();
        var command = new Command("status", "An execution's status, input, output and what it waits for") { id, watchOption };
        watch.AddTo(command);
        app.Handle(command, async context =>
        {
            var executionId = context.Get(id)!;
            if (context.Get(watchOption))
            {
                return Settle(context, await watch.UntilSettledAsync(context, executionId).ConfigureAwait(false));
            }

            var status = (await context.Api.GetAsync(ApiClient.Path("executions", executionId), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(status, body => ExecutionViews.RenderStatus(context, body));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Prints where a watched execution got to; Failed and Terminated exit with <see cref="ExitCodes.Failed"/>.</summary>
    private static int Settle(CliContext context, JsonElement status)
    {
        context.Write(status, body => ExecutionViews.RenderStatus(context, body));
        return ExecutionViews.RuntimeStatus(status) is "Failed" or "Terminated" ? ExitCodes.Failed : ExitCodes.Success;
    }

    private static Command List(CliApplication app)
    {
        var workflow = new Option<string>("--workflow") { Description = "Only this workflow's executions" };
        var status = new Option<string[]>("--status") { Description = "Only these runtime statuses (Pending, Running, Suspended, Completed, Failed, Terminated)", AllowMultipleArgumentsPerToken = true };
        var from = new Option<DateTimeOffset?>("--created-from") { Description = "Created at or after (ISO 8601)" };
        var to = new Option<DateTimeOffset?>("--created-to") { Description = "Created at or before (ISO 8601)" };
        var prefix = new Option<string>("--prefix") { Description = "Only ids that start with this" };
        var paging = new Paging();
        var command = new Command("list", "The caller's executions, newest first, with the API's filters") { workflow, status, from, to, prefix };
        paging.AddTo(command);
        app.Handle(command, async context =>
        {
            var page = await paging.ListAsync(
                context,
                ApiClient.Path("executions"),
                ("workflowId", context.Get(workflow)),
                ("runtimeStatus", context.Get(status) is { Length: > 0 } statuses ? string.Join(',', statuses) : null),
                ("createdFrom", context.Get(from)?.ToString("O")),
                ("createdTo", context.Get(to)?.ToString("O")),
                ("instanceIdPrefix", context.Get(prefix))).ConfigureAwait(false);
            context.Write(page, body =>
            {
                context.Render(ExecutionViews.ExecutionsTable(body));
                Paging.HintNext(context, body);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command History(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var view = new Option<string>("--view") { Description = "tree (tasks with their outcomes) or timeline (every event)", DefaultValueFactory = _ => "tree" };
        view.AcceptOnlyFromAmong("tree", "timeline");
        var command = new Command("history", "An execution's event log, as a tree or a timeline") { id, view };
        app.Handle(command, async context =>
        {
            var executionId = context.Get(id)!;
            var history = (await context.Api.GetAsync(ApiClient.Path("executions", executionId, "history"), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(history, body => context.Render(context.Get(view) == "timeline" ? ExecutionViews.Timeline(body) : ExecutionViews.Tree(executionId, body)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Steps(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var command = new Command("steps", "One row per step run: status, attempts, times, output or error") { id };
        app.Handle(command, async context =>
        {
            var steps = (await context.Api.GetAsync(ApiClient.Path("executions", context.Get(id)!, "steps"), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(steps, body => context.Render(ExecutionViews.StepsTable(body)));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Checkpoints(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var checkpoint = new Argument<string?>("checkpoint") { Description = "A checkpoint's id: print its state", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("checkpoints", "An execution's checkpoints, or one checkpoint's state") { id, checkpoint };
        app.Handle(command, async context =>
        {
            var executionId = context.Get(id)!;
            if (context.Get(checkpoint) is { } checkpointId)
            {
                var state = (await context.Api.GetAsync(ApiClient.Path("executions", executionId, "checkpoints", checkpointId), context.CancellationToken).ConfigureAwait(false)).Json;
                context.WriteJson(context.Json ? state : state.GetProperty("state"));
                return ExitCodes.Success;
            }

            var list = (await context.Api.GetAsync(ApiClient.Path("executions", executionId, "checkpoints"), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(list, body => context.Render(Views.Table(
                ["CHECKPOINT", "CREATED", "STORED BYTES"],
                Views.Items(body).Select(c => new[] { Views.Field(c, "id") ?? string.Empty, Views.Field(c, "createdAt") ?? string.Empty, Views.Field(c, "storedBytes") ?? string.Empty }))));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Events(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var name = new Argument<string>("name") { Description = "The event's name" };
        var data = new Option<string>("--data", "-d") { Description = "The event's payload: JSON, @file or - (standard input)" };
        var raise = new Command("raise", "Raise an event for an execution (as its owner)") { id, name, data };
        app.Handle(raise, async context =>
        {
            var executionId = context.Get(id)!;
            var eventName = context.Get(name)!;
            var payload = Inputs.ReadJson(context.Console, context.Get(data), "--data");
            await context.Api.PostAsync(ApiClient.Path("executions", executionId, "events", eventName), payload ?? "null", context.CancellationToken).ConfigureAwait(false);
            return Accepted(context, executionId, $"Raised {eventName} for {executionId}.");
        });
        return new Command("events", "Events for executions") { raise };
    }

    private static Command Waits(CliApplication app)
    {
        Command Steer(string verb, string description, string done)
        {
            var id = new Argument<string>("id") { Description = "The execution id" };
            var step = new Argument<string>("step") { Description = "The waiting step's id" };
            var command = new Command(verb, description) { id, step };
            app.Handle(command, async context =>
            {
                var executionId = context.Get(id)!;
                var stepId = context.Get(step)!;
                var answer = await context.Api.PostAsync(ApiClient.Path("executions", executionId, "waits", stepId, verb), null, context.CancellationToken).ConfigureAwait(false);
                if (context.Json)
                {
                    context.WriteJson(answer.Body ?? JsonSerializer.SerializeToElement(new { id = executionId, stepId }));
                    return ExitCodes.Success;
                }

                context.Say(string.Format(System.Globalization.CultureInfo.InvariantCulture, done, stepId, executionId));
                if (answer.Body is { } body && Views.Field(body, "resumeUri") is { } uri)
                {
                    context.Say($"New resume link: {uri}");
                }

                return ExitCodes.Success;
            });
            return command;
        }

        return new Command("waits", "The resume links of an execution's waits")
        {
            Steer("rotate", "Replace a wait's resume link with a new one (the old one answers 410)", "Rotated the resume link of {0} in {1}."),
            Steer("revoke", "Withdraw a wait's resume link (only the owner's events can resume it)", "Revoked the resume link of {0} in {1}."),
        };
    }

    private static Command Suspend(CliApplication app) => Operator(app, "suspend", "Pause an execution (events that arrive are kept until it resumes)", "Suspending {0}.");

    private static Command Terminate(CliApplication app) => Operator(app, "terminate", "Stop an execution for good", "Terminating {0}.");

    /// <summary>An operator action with an optional reason, answered 202.</summary>
    internal static Command Operator(CliApplication app, string verb, string description, string done)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var reason = new Option<string>("--reason") { Description = "Why (kept in the history)" };
        var command = new Command(verb, description) { id, reason };
        app.Handle(command, async context =>
        {
            var executionId = context.Get(id)!;
            await context.Api.PostAsync(ApiClient.WithQuery(ApiClient.Path("executions", executionId, verb), ("reason", context.Get(reason))), null, context.CancellationToken).ConfigureAwait(false);
            return Accepted(context, executionId, string.Format(System.Globalization.CultureInfo.InvariantCulture, done, executionId));
        });
        return command;
    }

    private static Command Restart(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The execution id" };
        var fromCheckpoint = new Option<string>("--from-checkpoint") { Description = "Start from this checkpoint instead of the beginning" };
        var wait = new Option<bool>("--wait", "-w") { Description = "Wait until the new execution ends or waits" };
        var watch = new Watch();
        var command = new Command("restart", "Run a finished or failed execution again, as a new execution") { id, fromCheckpoint, wait };
        watch.AddTo(command);
        app.Handle(command, async context =>
        {
            var restarted = (await context.Api.PostAsync(ApiClient.WithQuery(ApiClient.Path("executions", context.Get(id)!, "restart"), ("fromCheckpoint", context.Get(fromCheckpoint))), null, context.CancellationToken).ConfigureAwait(false)).Json;
            var newId = Views.Field(restarted, "id")!;
            if (!context.Get(wait))
            {
                context.Write(restarted, _ => context.Say($"Restarted as {newId}."));
                return ExitCodes.Success;
            }

            context.Note($"Restarted as {newId}.");
            return Settle(context, await watch.UntilSettledAsync(context, newId).ConfigureAwait(false));
        });
        return command;
    }

    private static Command Purge(CliApplication app) => Removal.Build(
        app, "purge", "Delete a finished execution's history, rows and blobs", "id", id => ApiClient.Path("executions", id), "execution", done: "purged");

    /// <summary>The answer to an accepted request: JSON <c>{id, accepted: true}</c> or a sentence.</summary>
    internal static int Accepted(CliContext context, string id, string sentence)
    {
        if (context.Json)
        {
            context.WriteJson(new { id, accepted = true });
        }

        context.Say(sentence);
        return ExitCodes.Success;
    }
}
