using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Cli.Infrastructure;

namespace FunctionsFlow.Cli.Commands;

/// <summary><c>schedules list|show|create|pause|resume|delete</c>.</summary>
internal static class ScheduleCommands
{
    public static Command Build(CliApplication app)
    {
        var schedules = new Command("schedules", "Schedules that start workflows: once, every interval, or on a cron expression");
        schedules.Aliases.Add("schedule");
        schedules.Subcommands.Add(List(app));
        schedules.Subcommands.Add(Show(app));
        schedules.Subcommands.Add(Create(app));
        schedules.Subcommands.Add(Simple(app, "pause", "Stop starting runs until resumed", "Paused {0}."));
        schedules.Subcommands.Add(Simple(app, "resume", "Start runs again (catch-up decides about missed ones)", "Resumed {0}."));
        schedules.Subcommands.Add(Delete(app));
        return schedules;
    }

    private static string Trigger(JsonElement s) =>
        s.TryGetProperty("cron", out var cron) && cron.ValueKind == JsonValueKind.Object ? $"cron {Views.Field(cron, "expression")} ({Views.Field(cron, "timeZone") ?? "UTC"})"
        : s.TryGetProperty("interval", out var interval) && interval.ValueKind == JsonValueKind.Object ? $"every {Views.Field(interval, "every")}"
        : s.TryGetProperty("once", out var once) && once.ValueKind == JsonValueKind.Object ? $"once at {Views.Field(once, "at")}"
        : string.Empty;

    private static Command List(CliApplication app)
    {
        var paging = new Paging();
        var command = new Command("list", "The caller's schedules");
        paging.AddTo(command);
        app.Handle(command, async context =>
        {
            var page = await paging.ListAsync(context, ApiClient.Path("schedules")).ConfigureAwait(false);
            context.Write(page, body =>
            {
                context.Render(Views.Table(
                    ["ID", "WORKFLOW", "TRIGGER", "STATUS", "NEXT RUN"],
                    Views.Items(body).Select(s => new[] { Views.Field(s, "id") ?? string.Empty, Views.Field(s, "workflowId") ?? string.Empty, Trigger(s), Views.Field(s, "status") ?? string.Empty, Views.Field(s, "nextRunAt") ?? "none" })));
                Paging.HintNext(context, body);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliApplication app)
    {
        var id = new Argument<string>("id") { Description = "The schedule id" };
        var command = new Command("show", "A schedule with its next and recent runs") { id };
        app.Handle(command, async context =>
        {
            var schedule = (await context.Api.GetAsync(ApiClient.Path("schedules", context.Get(id)!), context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(schedule, s =>
            {
                context.Render(Views.Properties(
                [
                    ("Id", Views.Field(s, "id")), ("Workflow", Views.Field(s, "workflowId")), ("Trigger", Trigger(s)), ("Status", Views.Field(s, "status")),
                    ("Next run", Views.Field(s, "nextRunAt") ?? "none"), ("Overlap", Views.Field(s, "overlap")), ("Catch-up", Views.Field(s, "catchUp")), ("Input", Views.Field(s, "input")),
                ]));
                if (s.TryGetProperty("recentRuns", out var runs) && runs.GetArrayLength() > 0)
                {
                    context.Render(Views.Table(
                        ["DUE", "OUTCOME", "EXECUTION", "STATUS", "DETAIL"],
                        runs.EnumerateArray().Select(r => new[] { Views.Field(r, "dueAt") ?? string.Empty, Views.Field(r, "outcome") ?? string.Empty, Views.Field(r, "executionId") ?? string.Empty, Views.Field(r, "executionStatus") ?? string.Empty, Views.Field(r, "detail") ?? string.Empty })));
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Create(CliApplication app)
    {
        var file = new Option<string>("--file", "-f") { Description = "The whole request as JSON (a file, or - for standard input); the other options are then not used" };
        var id = new Option<string>("--id") { Description = "Choose the schedule's id" };
        var workflow = new Option<string>("--workflow") { Description = "The workflow to start" };
        var input = new Option<string>("--input", "-i") { Description = "Each run's input: JSON, @file or -" };
        var cron = new Option<string>("--cron") { Description = "A cron expression, 6 fields (seconds first) or 5" };
        var timeZone = new Option<string>("--time-zone") { Description = "The cron's IANA time zone (default UTC)" };
        var every = new Option<string>("--every") { Description = "An interval (ISO 8601 duration, e.g. PT15M)" };
        var startAt = new Option<DateTimeOffset?>("--start-at") { Description = "With --every: the first run" };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Run once at this time" };
        var overlap = new Option<string>("--overlap") { Description = "When a run is still going: Skip, Allow or BufferOne" };
        overlap.AcceptOnlyFromAmong("Skip", "Allow", "BufferOne");
        var catchUp = new Option<string>("--catch-up") { Description = "Runs missed while paused or down: None, Latest or All" };
        catchUp.AcceptOnlyFromAmong("None", "Latest", "All");
        var paused = new Option<bool>("--paused") { Description = "Create it paused" };
        var command = new Command("create", "Create a schedule") { file, id, workflow, input, cron, timeZone, every, startAt, at, overlap, catchUp, paused };
        command.Validators.Add(result =>
        {
            if (result.GetValue(file) is not null)
            {
                return;
            }

            if (result.GetValue(workflow) is null)
            {
                result.AddError("Give --workflow (or the whole request with --file).");
            }

            var triggers = new object?[] { result.GetValue(cron), result.GetValue(every), result.GetValue(at) }.Count(t => t is not null);
            if (triggers != 1)
            {
                result.AddError("Give exactly one of --cron, --every and --at.");
            }
        });
        app.Handle(command, async context =>
        {
            string body;
            if (context.Get(file) is { } path)
            {
                body = Inputs.ReadJson(context.Console, path == "-" ? "-" : "@" + path, "--file")!;
            }
            else
            {
                var request = new JsonObject { ["workflowId"] = context.Get(workflow) };
                if (context.Get(id) is { } scheduleId)
                {
                    request["id"] = scheduleId;
                }

                if (Inputs.ReadJson(context.Console, context.Get(input), "--input") is { } json)
                {
                    request["input"] = JsonNode.Parse(json);
                }

                if (context.Get(cron) is { } expression)
                {
                    request["cron"] = new JsonObject { ["expression"] = expression, ["timeZone"] = context.Get(timeZone) ?? "UTC" };
                }
                else if (context.Get(every) is { } interval)
                {
                    request["interval"] = new JsonObject { ["every"] = interval };
                    if (context.Get(startAt) is { } start)
                    {
                        request["interval"]!["startAt"] = start.ToString("O");
                    }
                }
                else
                {
                    request["once"] = new JsonObject { ["at"] = context.Get(at)!.Value.ToString("O") };
                }

                foreach (var (name, value) in new[] { ("overlap", context.Get(overlap)), ("catchUp", context.Get(catchUp)) })
                {
                    if (value is not null)
                    {
                        request[name] = value;
                    }
                }

                if (context.Get(paused))
                {
                    request["paused"] = true;
                }

                body = request.ToJsonString();
            }

            var created = (await context.Api.PostAsync(ApiClient.Path("schedules"), body, context.CancellationToken).ConfigureAwait(false)).Json;
            context.Write(created, c => context.Say($"Created schedule {Views.Field(c, "id")}; next run {Views.Field(c, "nextRunAt") ?? "none"}."));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Simple(CliApplication app, string verb, string description, string done)
    {
        var id = new Argument<string>("id") { Description = "The schedule id" };
        var command = new Command(verb, description) { id };
        app.Handle(command, async context =>
        {
            var scheduleId = context.Get(id)!;
            var answer = await context.Api.PostAsync(ApiClient.Path("schedules", scheduleId, verb), null, context.CancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(answer.Body ?? JsonSerializer.SerializeToElement(new { id = scheduleId }));
            }

            context.Say(string.Format(System.Globalization.CultureInfo.InvariantCulture, done, scheduleId));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Delete(CliApplication app) => Removal.Build(
        app, "delete", "Delete a schedule (runs it started go on)", "id", id => ApiClient.Path("schedules", id), "schedule");
}
