using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Cli.Tests;

/// <summary><c>start</c>, <c>status</c>, <c>list</c>, <c>history</c>, <c>steps</c>, <c>checkpoints</c>, <c>resume</c> and
/// <c>waits</c> against the real host, on the expense-approval sample.</summary>
public sealed class ExecutionCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task StartWait_ASmallExpense_EndsCompleted_WithItsOutput()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var result = await host.SucceedAsync("start", "expense-approval", "--input", host.ExpenseInput(50), "--instance-id", "small", "--wait", "--interval", "100ms");

        Assert.Contains("Status    Completed", result.Out, StringComparison.Ordinal);
        Assert.Contains("""{"approved":true,"notified":true}""", result.Out, StringComparison.Ordinal);
        Assert.Contains("Started small.", result.Err, StringComparison.Ordinal);
        Assert.Contains("small: Completed", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALargeExpense_WaitsWithALink_ThatTheCliResumes_OnceOnly()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var input = Path.Combine(host.Directory, "input.json");
        await File.WriteAllTextAsync(input, host.ExpenseInput(250), TestContext.Current.CancellationToken);

        var started = await host.SucceedAsync("start", "expense-approval", "--input", "@" + input, "--instance-id", "large", "-w", "--interval", "100ms", "-o", "json");
        var wait = Assert.Single(started.Json.GetProperty("waitingFor").EnumerateArray());
        Assert.Equal("manager-approval", wait.GetProperty("name").GetString());
        var link = wait.GetProperty("resumeUri").GetString()!;

        var table = await host.SucceedAsync("status", "large");
        Assert.Contains("Running, waiting for manager-approval", table.Out, StringComparison.Ordinal);
        Assert.Contains(link, table.Out, StringComparison.Ordinal);

        var shown = await host.SucceedAsync("resume", link, "--show", "-o", "json");
        Assert.Equal("manager-approval", shown.Json.GetProperty("name").GetString());

        var refused = await host.RunAsync("resume", link, "--data", """{"approved": "yes"}""");
        Assert.Equal(ExitCodes.Invalid, refused.ExitCode);
        Assert.Contains("$.approved", refused.Err, StringComparison.Ordinal);

        var key = link[(link.LastIndexOf('/') + 1)..];
        var resumed = await host.RunAsync(["resume", "-", "--data", """{"approved": true}""", "-o", "json"], stdin: key + "\n");
        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal("large", resumed.Json.GetProperty("executionId").GetString());

        var again = await host.RunAsync("resume", link, "--data", """{"approved": true}""");
        Assert.Equal(ExitCodes.Conflict, again.ExitCode);
        Assert.Contains("410", again.Err, StringComparison.Ordinal);
        Assert.DoesNotContain(key, again.Err + again.Out, StringComparison.Ordinal);

        var done = await host.SucceedAsync("status", "large", "--watch", "--interval", "100ms", "-o", "json");
        Assert.Equal("Completed", done.Json.GetProperty("runtimeStatus").GetString());
        Assert.True(done.Json.GetProperty("output").GetProperty("approved").GetBoolean());

        var steps = await host.SucceedAsync("steps", "large");
        Assert.Contains("approval", steps.Out, StringComparison.Ordinal);
        Assert.Contains("waitForInput", steps.Out, StringComparison.Ordinal);
        Assert.Contains("notify", steps.Out, StringComparison.Ordinal);
        var stepsJson = await host.SucceedAsync("steps", "large", "-o", "json");
        Assert.Contains(stepsJson.Json.GetProperty("items").EnumerateArray(), s => s.GetProperty("stepId").GetString() == "done" && s.GetProperty("status").GetString() == "Succeeded");
    }

    [Fact]
    public async Task UnknownKey_Exits4_WithTheOperatorHint()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var result = await host.RunAsync("resume", "not-a-key", "--data", "{}");

        Assert.Equal(ExitCodes.NotFound, result.ExitCode);
        Assert.Contains("resume --execution", result.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("resume")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("resume", "k", "--execution", "x")).ExitCode);
    }

    [Fact]
    public async Task HistoryAsTreeAndTimeline_CheckpointsAndWaits()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(500), "--instance-id", "hist", "-w", "--interval", "100ms");

        var tree = await host.SucceedAsync("history", "hist");
        Assert.Contains("hist", tree.Out.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("TaskScheduled", tree.Out, StringComparison.Ordinal);
        Assert.Contains("└── TaskCompleted after", tree.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("OrchestratorStarted", tree.Out, StringComparison.Ordinal);

        var timeline = await host.SucceedAsync("history", "hist", "--view", "timeline");
        Assert.Contains("OrchestratorStarted", timeline.Out, StringComparison.Ordinal);
        Assert.Contains("ExecutionStarted", timeline.Out, StringComparison.Ordinal);
        var json = await host.SucceedAsync("history", "hist", "-o", "json");
        Assert.Contains(json.Json.GetProperty("items").EnumerateArray(), e => e.GetProperty("eventType").GetString() == "ExecutionStarted");

        var checkpoints = await host.SucceedAsync("checkpoints", "hist", "-o", "json");
        var checkpoint = checkpoints.Json.GetProperty("items").EnumerateArray().First().GetProperty("id").GetString()!;
        var state = await host.SucceedAsync("checkpoints", "hist", checkpoint);
        Assert.Equal(JsonValueKind.Object, state.Json.ValueKind);

        var before = await host.SucceedAsync("status", "hist", "-o", "json");
        var oldLink = before.Json.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!;
        var rotated = await host.SucceedAsync("waits", "rotate", "hist", "approval");
        Assert.Contains("Rotated the resume link of approval in hist.", rotated.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Conflict, (await host.RunAsync("resume", oldLink, "--show")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("history", "hist", "--view", "graph")).ExitCode);
    }

    [Fact]
    public async Task List_FiltersAndPages_AsATableOrJson()
    {
        await using var host = await CliHost.StartAsync(azurite);
        foreach (var (id, amount) in new[] { ("list-a", 10), ("list-b", 20), ("list-c", 300) })
        {
            await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(amount), "--instance-id", id, "-w", "--interval", "100ms");
        }

        var completed = await host.SucceedAsync("list", "--status", "Completed", "-o", "json");
        Assert.Equal(["list-a", "list-b"], completed.Json.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).Order());

        var paged = await host.SucceedAsync("list", "--prefix", "list-", "--top", "2", "-o", "json");
        Assert.Equal(2, paged.Json.GetProperty("items").GetArrayLength());
        var token = paged.Json.GetProperty("continuationToken").GetString()!;
        var next = await host.SucceedAsync("list", "--prefix", "list-", "--top", "2", "--continuation-token", token, "-o", "json");
        Assert.Single(next.Json.GetProperty("items").EnumerateArray());

        var all = await host.SucceedAsync("list", "--prefix", "list-", "--top", "1", "--all", "-o", "json");
        Assert.Equal(3, all.Json.GetProperty("items").GetArrayLength());

        var table = await host.SucceedAsync("list", "--workflow", "expense-approval", "--top", "2");
        Assert.Contains("expense-approval v1", table.Out, StringComparison.Ordinal);
        Assert.Contains("--continuation-token", table.Err, StringComparison.Ordinal);
        var waiting = await host.SucceedAsync("list", "--prefix", "list-c");
        Assert.Contains("manager-approval", waiting.Out, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("list", "--top", "0")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("list", "--created-from", "yesterday")).ExitCode);
    }

    [Fact]
    public async Task StartErrors_HaveTheirExitCodes()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var notJson = await host.RunAsync("start", "expense-approval", "--input", "{amount: 5}");
        Assert.Equal(ExitCodes.Usage, notJson.ExitCode);
        Assert.Contains("--input is not JSON", notJson.Err, StringComparison.Ordinal);

        var invalid = await host.RunAsync("start", "expense-approval", "--input", """{"amount": -5}""");
        Assert.Equal(ExitCodes.Invalid, invalid.ExitCode);
        Assert.Contains("$.amount", invalid.Err, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("start", "no-such-workflow")).ExitCode);

        await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(400), "--instance-id", "twice");
        var twice = await host.RunAsync("start", "expense-approval", "-i", host.ExpenseInput(400), "--instance-id", "twice");
        Assert.Equal(ExitCodes.Conflict, twice.ExitCode);

        var first = await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(1), "--idempotency-key", "k-1", "-o", "json");
        var second = await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(1), "--idempotency-key", "k-1", "-o", "json");
        Assert.Equal(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());

        var nobody = await host.RunAsync(["status", "twice"], environment: new Dictionary<string, string?> { ["FUNCTIONSFLOW_USER"] = null });
        Assert.Equal(ExitCodes.Unauthorized, nobody.ExitCode);
        Assert.Contains("FUNCTIONSFLOW_USER", nobody.Err, StringComparison.Ordinal);

        var someoneElse = await host.RunAsync("status", "twice", "--user", "mallory");
        Assert.Equal(ExitCodes.NotFound, someoneElse.ExitCode);
    }
}
