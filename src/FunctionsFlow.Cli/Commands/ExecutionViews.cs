using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionsFlow.Cli.Commands;

/// <summary>How an execution, its history and its step runs look for people.</summary>
internal static class ExecutionViews
{
    public static string RuntimeStatus(JsonElement status) => Views.Field(status, "runtimeStatus") ?? "Unknown";

    public static IEnumerable<JsonElement> Waits(JsonElement status) =>
        status.TryGetProperty("waitingFor", out var waits) && waits.ValueKind == JsonValueKind.Array ? waits.EnumerateArray() : [];

    /// <summary>One line: the runtime status and, when it waits, for what.</summary>
    public static string Summary(JsonElement status)
    {
        var waits = Waits(status).Select(w => Views.Field(w, "name")).ToList();
        return waits.Count == 0 ? RuntimeStatus(status) : $"{RuntimeStatus(status)}, waiting for {string.Join(", ", waits)}";
    }

    /// <summary>The status as properties, then what it waits for (with the resume links the owner is shown).</summary>
    public static void RenderStatus(CliContext context, JsonElement status)
    {
        var created = Views.TimeField(status, "createdAt");
        var updated = Views.TimeField(status, "lastUpdatedAt");
        var ended = RuntimeStatus(status) is "Completed" or "Failed" or "Terminated";
        var failure = status.TryGetProperty("failure", out var f) && f.ValueKind == JsonValueKind.Object
            ? $"{Views.Field(f, "errorType")}: {Views.Field(f, "message")}"
            : null;
        context.Render(Views.Properties(
        [
            ("Id", Views.Field(status, "id")),
            ("Workflow", Views.Field(status, "workflowId") is { } workflowId ? $"{workflowId} v{Views.Field(status, "version")}" : Views.Field(status, "name")),
            ("Status", Summary(status)),
            ("Created", Views.Field(status, "createdAt")),
            ("Updated", Views.Field(status, "lastUpdatedAt")),
            ("Duration", ended && created is { } c && updated is { } u ? Views.Duration(u - c) : null),
            ("Input", Views.Field(status, "input")),
            ("Output", Views.Field(status, "output")),
            ("Custom status", Views.Field(status, "customStatus")),
            ("Failure", failure),
        ]));
        var waits = Waits(status).ToList();
        if (waits.Count > 0)
        {
            context.Render(Views.Table(
                ["WAITING FOR", "STEP", "EXPIRES", "RESUME LINK"],
                waits.Select(w => new[] { Views.Field(w, "name") ?? string.Empty, Views.Field(w, "stepId") ?? string.Empty, Views.Field(w, "expiresAt") ?? "never", Views.Field(w, "resumeUri") ?? "(not yet issued)" })));
        }
    }

    public static IRenderable ExecutionsTable(JsonElement page) => Views.Table(
        ["ID", "WORKFLOW", "STATUS", "CREATED", "UPDATED", "WAITING FOR"],
        Views.Items(page).Select(e => new[]
        {
            Views.Field(e, "id") ?? string.Empty,
            Views.Field(e, "workflowId") is { } w ? $"{w} v{Views.Field(e, "version")}" : Views.Field(e, "name") ?? string.Empty,
            RuntimeStatus(e),
            Views.Field(e, "createdAt") ?? string.Empty,
            Views.Field(e, "lastUpdatedAt") ?? string.Empty,
            string.Join(", ", Waits(e).Select(x => Views.Field(x, "name"))),
        }));

    public static IRenderable StepsTable(JsonElement steps) => Views.Table(
        ["STEP", "KIND", "STATUS", "ATTEMPTS", "STARTED", "DURATION", "OUTPUT / ERROR"],
        Views.Items(steps).Select(s => new[]
        {
            Views.Field(s, "stepId") + (Views.Field(s, "iteration") is { } i ? $" [{i}]" : string.Empty),
            Views.Field(s, "kind") ?? string.Empty,
            Views.Field(s, "status") ?? string.Empty,
            Views.Field(s, "attempts") ?? string.Empty,
            Views.Field(s, "startedAt") ?? string.Empty,
            Views.TimeField(s, "startedAt") is { } started && Views.TimeField(s, "completedAt") is { } completed ? Views.Duration(completed - started) : string.Empty,
            Views.Clip(Views.Field(s, "error") ?? Views.Field(s, "output")),
        }));

    /// <summary>The history as a timeline: every event with its time and offset from the first.</summary>
    public static IRenderable Timeline(JsonElement history)
    {
        var events = Views.Items(history).ToList();
        var first = events.Select(e => Views.TimeField(e, "timestamp")).Where(t => t is not null).Min();
        return Views.Table(
            ["#", "TIME", "+", "EVENT", "NAME", "DETAIL"],
            events.Select(e => new[]
            {
                Views.Field(e, "eventId") ?? string.Empty,
                Views.Field(e, "timestamp") ?? string.Empty,
                Views.TimeField(e, "timestamp") is { } t && first is { } f ? Views.Duration(t - f) : string.Empty,
                Views.Field(e, "eventType") ?? string.Empty,
                Views.Field(e, "name") ?? string.Empty,
                Views.Clip(Detail(e)),
            }));
    }

    /// <summary>The history as a tree: each scheduled task, timer and sub-orchestration with its outcome under it (and how
    /// long it took); episode markers left out.</summary>
    public static IRenderable Tree(string id, JsonElement history)
    {
        var tree = new Tree(new Text(id, new Style(decoration: Decoration.Bold)));
        var open = new Dictionary<int, (TreeNode Node, DateTimeOffset? At)>();
        foreach (var e in Views.Items(history))
        {
            var type = Views.Field(e, "eventType") ?? "Event";
            if (type == "OrchestratorStarted")
            {
                continue;
            }

            var at = Views.TimeField(e, "timestamp");
            var details = e.TryGetProperty("details", out var d) ? d : default;
            var label = $"{type}{(Views.Field(e, "name") is { } name ? " " + name : string.Empty)}";
            if (Number(details, "taskScheduledId") is { } scheduled && open.Remove(scheduled, out var parent)
                || Number(details, "timerId") is { } timer && open.Remove(timer, out parent))
            {
                var took = at is { } end && parent.At is { } begin ? $" after {Views.Duration(end - begin)}" : string.Empty;
                parent.Node.AddNode(new Text($"{label}{took}{Suffix(e)}"));
                continue;
            }

            var node = tree.AddNode(new Text($"{(at is { } time ? Views.Time(time) + "  " : string.Empty)}{label}{Suffix(e)}"));
            if (Number(details, "eventId") is { } eventId && type is "TaskScheduled" or "TimerCreated" or "SubOrchestrationCreated")
            {
                open[eventId] = (node, at);
            }
        }

        foreach (var (node, _) in open.Values)
        {
            node.AddNode(new Text("(pending)"));
        }

        return tree;
    }

    private static string Suffix(JsonElement e) => Detail(e) is { Length: > 0 } detail ? ": " + Views.Clip(detail) : string.Empty;

    private static string? Detail(JsonElement e)
    {
        if (!e.TryGetProperty("details", out var d) || d.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (d.TryGetProperty("failure", out var failure) && failure.ValueKind == JsonValueKind.Object)
        {
            return $"{Views.Field(failure, "errorType")}: {Views.Field(failure, "errorMessage") ?? Views.Field(failure, "message")}";
        }

        return Views.Field(d, "reason") ?? Views.Field(d, "result") ?? Views.Field(d, "fireAt") ?? Views.Field(d, "input");
    }

    private static int? Number(JsonElement details, string name) =>
        details.ValueKind == JsonValueKind.Object && details.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;
}
