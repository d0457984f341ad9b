using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Workflows.Tests.Runtime;

public sealed class InterpreterMoreTests : IAsyncLifetime
{
    private readonly InterpreterHost _host = new();

    public async ValueTask InitializeAsync() => await _host.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Delay_Until_AndCheckpoint_WaitOnTheDurableClock()
    {
        var start = _host.Clock.GetUtcNow();
        _host.Publish($$$"""
            id: timing
            name: Timing
            steps:
              - {id: pause, delay: PT2H}
              - {id: mark, checkpoint: {name: after-pause}}
              - {id: later, until: "{{{start.AddDays(1):O}}}"}
              - {id: out, return: "${ now }"}
            """);

        var id = await _host.StartAsync("timing");
        await Eventually.TrueAsync(async () => InterpreterHost.Progress(await _host.Client.GetInstanceAsync(id))?.Steps.Any(s => s.StepId == "pause") == true, "the delay started");
        _host.Clock.Advance(TimeSpan.FromHours(1));
        var midway = await _host.Client.GetInstanceAsync(id);
        _host.Clock.Advance(TimeSpan.FromHours(1));
        await Eventually.TrueAsync(async () => InterpreterHost.Progress(await _host.Client.GetInstanceAsync(id))?.Steps.Any(s => s.StepId == "later") == true, "the until step started");
        _host.Clock.Advance(TimeSpan.FromHours(22));
        var done = await _host.RunToEndAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Running, midway!.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(start.AddDays(1), DateTimeOffset.Parse(JsonNode.Parse(done.SerializedOutput!)!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        var mark = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "mark");
        Assert.Equal(start.AddHours(2), mark.StartedAt);
    }

    [Fact]
    public async Task NotifyAndContinue_RecordsTheFailure_AndGoesOn()
    {
        _host.Publish("""
            id: notify-continue
            name: Notify and continue
            steps:
              - id: flaky
                http: {url: "${ input.url }"}
                onError: {strategy: notifyAndContinue, notify: ops}
              - {id: out, return: "${ steps.flaky.status }"}
            """);

        var done = await _host.RunToEndAsync(await _host.StartAsync("notify-continue", new { url = "http://127.0.0.1:9/x" }), TimeSpan.FromSeconds(1));

        Assert.Equal("Failed", JsonNode.Parse(done.SerializedOutput!)!.GetValue<string>());
        var flaky = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "flaky");
        Assert.Equal(StepRunStatus.Failed, flaky.Status);
        Assert.NotNull(flaky.Error);
    }

    [Fact]
    public async Task CallsInACycle_StopAtTheDepthLimit()
    {
        _host.Publish("""
            id: ping
            name: Ping
            steps: [{id: toPong, call: {workflowId: pong}}]
            """);
        _host.Publish("""
            id: pong
            name: Pong
            steps: [{id: toPing, call: {workflowId: ping}}]
            """);

        var done = await _host.RunToEndAsync(await _host.StartAsync("ping"), TimeSpan.FromSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains($"more than {WorkflowRunInput.MaxCallDepth} deep", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryChangeOfVars_IsInTheStepRunThatMadeIt()
    {
        _host.Publish("""
            id: audit
            name: Audit
            steps:
              - {id: one, set: {a: 1, b: "x"}}
              - {id: two, set: {a: "${ vars.a + 1 }"}}
              - id: both
                parallel:
                  branches:
                    - steps: [{id: left, set: {c: true}}]
                    - steps: [{id: right, set: {d: [1]}}]
            """);

        var done = await _host.RunToEndAsync(await _host.StartAsync("audit"), TimeSpan.FromSeconds(1));

        var runs = InterpreterHost.Progress(done)!.Steps.ToDictionary(s => s.StepId);
        Assert.Equal("""{"a":1,"b":"x"}""", runs["one"].VarsChanged!.Value.GetRawText());
        Assert.Equal("""{"a":2}""", runs["two"].VarsChanged!.Value.GetRawText());
        Assert.Equal("""{"c":true,"d":[1]}""", runs["both"].VarsChanged!.Value.GetRawText());
        Assert.Equal(2, JsonNode.Parse(done.SerializedOutput!)!["a"]!.GetValue<int>());
    }

    [Fact]
    public async Task TheHttpSample_RetriesThePrimary_ThenTheFallbackAnswers()
    {
        using var fallback = new TestWebServer();
        _host.Publish(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "http-with-fallback.yaml")));

        var done = await _host.RunToEndAsync(await _host.StartAsync("http-with-fallback", new { fallbackUrl = fallback.BaseUrl + "live" }), TimeSpan.FromSeconds(5));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = JsonNode.Parse(done.SerializedOutput!)!;
        Assert.Equal("fallback", output["source"]!.GetValue<string>());
        Assert.Equal(200, output["status"]!.GetValue<int>());
        var runs = InterpreterHost.Progress(done)!.Steps;
        Assert.Equal(3, runs.Single(s => s.StepId == "primary").Attempts);
        Assert.Contains(runs, s => s.StepId == "fallback" && s.Status == StepRunStatus.Succeeded);
        Assert.Single(fallback.Received);
    }

    [Theory]
    [InlineData("expense-approval.yaml")]
    [InlineData("http-with-fallback.yaml")]
    [InlineData("scheduled-tick.yaml")]
    public void TheShippedSamples_Parse(string file)
    {
        var result = FunctionsFlow.Workflows.Definitions.WorkflowDefinitionParser.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", file)));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
    }
}
