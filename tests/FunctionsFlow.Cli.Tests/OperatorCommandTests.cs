using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Cli.Tests;

/// <summary><c>suspend</c>, <c>resume --execution</c>, <c>events raise</c>, <c>terminate</c>, <c>restart</c>, <c>purge</c>
/// and watching with a timeout, on the code-first <c>WaitForApproval</c> orchestrator (it waits for the event
/// <c>approval</c>, which shows in no <c>waitingFor</c>).</summary>
public sealed class OperatorCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SuspendResumeAndRaise_CompleteTheOrchestration()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await host.SucceedAsync("start", "WaitForApproval", "--orchestrator", "--instance-id", "op-1");
        await WaitForCustomStatusAsync(host, "op-1");

        var suspended = await host.SucceedAsync("suspend", "op-1", "--reason", "checking the invoice");
        Assert.Contains("Suspending op-1.", suspended.Out, StringComparison.Ordinal);
        var watched = await host.SucceedAsync("status", "op-1", "--watch", "--interval", "100ms", "-o", "json");
        Assert.Equal("Suspended", watched.Json.GetProperty("runtimeStatus").GetString());

        var raised = await host.SucceedAsync("events", "raise", "op-1", "approval", "--data", """{"by": "carol"}""", "-o", "json");
        Assert.True(raised.Json.GetProperty("accepted").GetBoolean());
        await host.SucceedAsync("resume", "--execution", "op-1", "--reason", "invoice fine");
        await WaitForStatusAsync(host, "op-1", status => status != "Suspended");

        var done = await host.SucceedAsync("status", "op-1", "--watch", "--interval", "100ms", "-o", "json");
        Assert.Equal("Completed", done.Json.GetProperty("runtimeStatus").GetString());
        Assert.Equal("carol", done.Json.GetProperty("output").GetProperty("by").GetString());

        var timeline = await host.SucceedAsync("history", "op-1", "--view", "timeline");
        Assert.Contains("ExecutionSuspended", timeline.Out, StringComparison.Ordinal);
        Assert.Contains("checking the invoice", timeline.Out, StringComparison.Ordinal);

        var ended = await host.RunAsync("events", "raise", "op-1", "approval");
        Assert.Equal(ExitCodes.Conflict, ended.ExitCode);
    }

    [Fact]
    public async Task Watch_GivesUpAfterItsTimeout_WithExit8()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await host.SucceedAsync("start", "WaitForApproval", "--orchestrator", "--instance-id", "op-2");

        var result = await host.RunAsync("status", "op-2", "--watch", "--timeout", "300ms", "--interval", "100ms");

        Assert.Equal(ExitCodes.TimedOut, result.ExitCode);
        Assert.Contains("op-2 did not end or wait within", result.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("status", "op-2", "--watch", "--timeout", "soon")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("status", "op-2", "--watch", "--interval", "1ms")).ExitCode);
    }

    [Fact]
    public async Task TerminateRestartAndPurge()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(900), "--instance-id", "op-3", "-w", "--interval", "100ms");

        Assert.Equal(ExitCodes.Conflict, (await host.RunAsync("purge", "op-3")).ExitCode);
        await host.SucceedAsync("terminate", "op-3", "--reason", "duplicate claim");
        await WaitForStatusAsync(host, "op-3", status => status == "Terminated");
        var terminated = await host.RunAsync("status", "op-3", "--watch", "--interval", "100ms");
        Assert.Equal(ExitCodes.Failed, terminated.ExitCode);
        Assert.Contains("Terminated", terminated.Out, StringComparison.Ordinal);

        var restarted = await host.SucceedAsync("restart", "op-3", "--wait", "--interval", "100ms", "-o", "json");
        var newId = restarted.Json.GetProperty("id").GetString();
        Assert.NotEqual("op-3", newId);
        Assert.Equal("manager-approval", restarted.Json.GetProperty("waitingFor")[0].GetProperty("name").GetString());

        var purged = await host.SucceedAsync("purge", "op-3");
        Assert.Contains("Purged execution op-3.", purged.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("status", "op-3")).ExitCode);
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("purge", "op-3")).ExitCode);
    }

    /// <summary>Operator requests are queued (202): waits until the execution's status shows one was carried out.</summary>
    private static Task WaitForStatusAsync(CliHost host, string id, Func<string?, bool> condition) =>
        Eventually.TrueAsync(
            async () => condition((await host.SucceedAsync("status", id, "-o", "json")).Json.GetProperty("runtimeStatus").GetString()),
            $"{id} reaches the expected status",
            TimeSpan.FromSeconds(30));

    private static Task WaitForCustomStatusAsync(CliHost host, string id) =>
        Eventually.TrueAsync(
            async () =>
            {
                var status = await host.SucceedAsync("status", id, "-o", "json");
                return status.Json.GetProperty("customStatus").ValueKind == System.Text.Json.JsonValueKind.String;
            },
            $"{id} waits for its event",
            TimeSpan.FromSeconds(30));
}
