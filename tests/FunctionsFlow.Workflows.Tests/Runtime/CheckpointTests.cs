using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Workflows.Tests.Runtime;

public sealed class CheckpointTests : IAsyncLifetime
{
    private const string Approval = """
        id: approval
        name: Approval
        steps:
          - {id: prepare, set: {amount: "${ input.amount }", big: "${ input.amount > 100 }"}}
          - id: route
            switch:
              value: "${ vars.big }"
              cases:
                - equals: true
                  steps:
                    - id: approve
                      waitForInput: {name: approve, timeout: P2D}
                      onTimeout: [{id: reject, set: {approved: false}}]
                    - {id: record, set: {approved: "${ steps.approve.output.ok ?? vars.approved }"}}
              default: [{id: auto, set: {approved: true}}]
          - {id: done, return: {amount: "${ vars.amount }", approved: "${ vars.approved }"}}
        """;

    private readonly InterpreterHost _host = new();

    public async ValueTask InitializeAsync() => await _host.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AWait_ContinuesAsNewFromACheckpoint_SoTheWaitingHistoryHoldsOnlyTheWait_AndTheRunGoesOnWithItsState()
    {
        _host.Publish(Approval);
        var id = await _host.StartAsync("approval", new { amount = 500 });
        await _host.WaitUntilWaitingAsync(id, "approve");

        var history = await _host.Client.GetHistoryAsync(id);
        Assert.NotNull(history);
        var started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal("0001-approve", started.Checkpoint);
        Assert.DoesNotContain(history, e => e is TaskCompletedEvent c && c.Result?.Contains("500", StringComparison.Ordinal) == true);
        var checkpoint = Assert.Single(await _host.Client.ListCheckpointsAsync(id));
        Assert.Equal("0001-approve", checkpoint.Id);
        var state = JsonNode.Parse((await _host.Client.GetCheckpointAsync(id, checkpoint.Id))!)!;
        Assert.Equal(500, state["vars"]!["amount"]!.GetValue<int>());
        Assert.Equal("waitForInput", state["kind"]!.GetValue<string>());
        Assert.Equal([1, 0, 0], state["path"]!.AsArray().Select(n => n!.GetValue<int>()));
        var waiting = InterpreterHost.Progress(await _host.Client.GetInstanceAsync(id))!.Waiting.Single();
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(2), waiting.ExpiresAt);

        await _host.Client.RaiseEventAsync(id, "approve", new { ok = true });
        var done = await _host.RunToEndAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("""{"amount":500,"approved":true}""", done.SerializedOutput);
        var steps = InterpreterHost.Progress(done)!.Steps;
        Assert.Equal(["prepare", "route", "approve", "record", "done"], steps.Select(s => s.StepId));
        Assert.All(steps, s => Assert.Equal(StepRunStatus.Succeeded, s.Status));
        Assert.Equal(JsonValueKind.Object, steps.Single(s => s.StepId == "approve").Output!.Value.ValueKind);
    }

    [Fact]
    public async Task AWaitKeepsItsDeadline_AcrossTheContinueAsNew_AndTimesOutIntoOnTimeout()
    {
        _host.Publish(Approval);
        var id = await _host.StartAsync("approval", new { amount = 500 });
        await _host.WaitUntilWaitingAsync(id, "approve");

        _host.Clock.Advance(TimeSpan.FromDays(2));
        var done = await _host.RunToEndAsync(id);

        Assert.Equal("""{"amount":500,"approved":false}""", done.SerializedOutput);
        Assert.Equal(StepRunStatus.TimedOut, InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "approve").Status);
    }

    [Fact]
    public async Task ACheckpointStep_ContinuesAfterItself_AndARestartFromItRunsOnlyWhatFollows()
    {
        using var server = new TestWebServer().Then(200, """{"n":1}""").Then(200, """{"n":2}""").Then(200, """{"n":3}""");
        _host.Publish($$$"""
            id: two-calls
            name: Two calls
            steps:
              - {id: first, http: {method: GET, url: "{{{server.BaseUrl}}}first"}}
              - id: check
                if: "${ steps.first.output.status == 200 }"
                then:
                  - {id: saved, checkpoint: {name: after-first}}
                  - {id: second, http: {method: GET, url: "{{{server.BaseUrl}}}second"}}
              - {id: done, return: {first: "${ steps.first.output.body.n }", second: "${ steps.second.output.body.n }"}}
            """);
        var id = await _host.StartAsync("two-calls");
        var done = await _host.RunToEndAsync(id);
        Assert.Equal("""{"first":1,"second":2}""", done.SerializedOutput);
        Assert.Equal(["first", "check", "saved", "second", "done"], InterpreterHost.Progress(done)!.Steps.Select(s => s.StepId));
        Assert.Equal("0001-saved", Assert.Single(await _host.Client.ListCheckpointsAsync(id)).Id);

        var again = await _host.Client.RestartFromCheckpointAsync(id, "0001-saved", restartWithNewInstanceId: true);
        var rerun = await _host.RunToEndAsync(again);

        Assert.Equal("""{"first":1,"second":3}""", rerun.SerializedOutput);
        Assert.Equal(["/first", "/second", "/second"], server.Received.Select(r => r.Path));
        Assert.Equal(["first", "check", "saved", "second", "done"], InterpreterHost.Progress(rerun)!.Steps.Select(s => s.StepId));
    }

    [Fact]
    public async Task EveryEpisodeAfterACheckpoint_StartsFromTheCheckpointAsTaken_ThoughTheWorkerReadsItOnce()
    {
        // The worker hands each episode of the execution the same parsed checkpoint: the run must change copies of it.
        using var server = new TestWebServer().Then(200, """{"n":1}""").Then(200, """{"n":2}""");
        _host.Publish($$$"""
            id: episodes
            name: Episodes after a checkpoint
            steps:
              - {id: init, set: {count: 1}}
              - {id: saved, checkpoint: {name: after-init}}
              - {id: bump, set: {count: "${ vars.count + 1 }"}}
              - {id: call1, http: {method: GET, url: "{{{server.BaseUrl}}}one"}}
              - {id: bump2, set: {count: "${ vars.count + 10 }"}}
              - {id: call2, http: {method: GET, url: "{{{server.BaseUrl}}}two"}}
              - {id: done, return: {count: "${ vars.count }", n: "${ steps.call2.output.body.n }", steps: "${ length(keys(steps)) }"}}
            """);
        var id = await _host.StartAsync("episodes");
        var done = await _host.RunToEndAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("""{"count":12,"n":2,"steps":6}""", done.SerializedOutput);
        var state = JsonNode.Parse((await _host.Client.GetCheckpointAsync(id, "0001-saved"))!)!;
        Assert.Equal(1, state["vars"]!["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task AWaitInsideAParallelBranch_WaitsWithoutACheckpoint()
    {
        _host.Publish("""
            id: branches
            name: Branches
            steps:
              - id: both
                parallel:
                  branches:
                    - steps: [{id: ask, waitForInput: {name: answer}}]
                    - steps: [{id: other, set: {x: 1}}]
              - {id: done, return: "${ steps.ask.output }"}
            """);
        var id = await _host.StartAsync("branches");
        await _host.WaitUntilWaitingAsync(id, "answer");

        Assert.Empty(await _host.Client.ListCheckpointsAsync(id));
        await _host.Client.RaiseEventAsync(id, "answer", "yes");
        Assert.Equal("\"yes\"", (await _host.RunToEndAsync(id)).SerializedOutput);
    }

    [Fact]
    public async Task StepRuns_RecordLargeValuesBySizeOnly_WhileStepsKeepThemWhole()
    {
        _host.Publish("""
            id: large
            name: Large
            steps:
              - {id: fill, set: {text: "${ input.text }"}}
              - {id: done, return: "${ length(vars.text) }"}
            """);
        var id = await _host.StartAsync("large", new { text = new string('x', StepRun.MaxRecordedBytes + 10) });
        var done = await _host.RunToEndAsync(id);

        Assert.Equal((StepRun.MaxRecordedBytes + 10).ToString(System.Globalization.CultureInfo.InvariantCulture), done.SerializedOutput);
        var fill = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "fill");
        Assert.True(fill.Output!.Value.GetProperty("truncated").GetBoolean());
        Assert.Equal($"over {StepRun.MaxRecordedBytes}", fill.Output!.Value.GetProperty("bytes").GetString());
    }
}
