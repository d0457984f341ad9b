using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Workflows.Tests.Runtime;

public sealed class InterpreterTests : IAsyncLifetime
{
    private const string ExpenseApproval = """
        id: expense-approval
        name: Expense approval
        input:
          schema: {type: object, required: [amount], properties: {amount: {type: number}}}
        steps:
          - id: classify
            set: {needsApproval: "${ input.amount > 100 }"}
          - id: decide
            if: "${ vars.needsApproval }"
            then:
              - id: approval
                waitForInput:
                  name: manager-approval
                  timeout: P3D
                  schema: {type: object, required: [approved], properties: {approved: {type: boolean}}}
                onTimeout: [{id: autoReject, set: {approved: false}}]
              - id: record
                set: {approved: "${ steps.approval.output.approved ?? vars.approved }"}
            else:
              - {id: autoApprove, set: {approved: true}}
          - id: notify
            http: {method: POST, url: "${ vars.webhookUrl }", body: {text: "approved=${ vars.approved }"}}
            retry: {maxAttempts: 3, backoff: exponential, initialDelay: PT1S, maxDelay: PT1M}
            onError: {strategy: useDefault, value: {ok: false}}
          - {id: cool-off, delay: PT10M}
          - {id: done, return: {approved: "${ vars.approved }", notified: "${ steps.notify.output }"}}
        """;

    private readonly InterpreterHost _host = new();

    public async ValueTask InitializeAsync() => await _host.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SmallExpense_IsApprovedAutomatically_TheFailingNotifyFallsBack_AndTheRunReturns()
    {
        _host.Publish(ExpenseApproval);

        var id = await _host.StartAsync("expense-approval", new { amount = 50 });
        var done = await _host.RunToEndAsync(id, TimeSpan.FromMinutes(1));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = JsonNode.Parse(done.SerializedOutput!)!;
        Assert.True(output["approved"]!.GetValue<bool>());
        Assert.False(output["notified"]!["ok"]!.GetValue<bool>());
        var steps = InterpreterHost.Progress(done)!.Steps;
        Assert.Equal(["classify", "decide", "autoApprove", "notify", "cool-off", "done"], steps.Select(s => s.StepId));
        var notify = steps.Single(s => s.StepId == "notify");
        Assert.Equal(StepRunStatus.Failed, notify.Status);
        Assert.Equal(3, notify.Attempts);
        Assert.Contains("not an absolute http or https URL", notify.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeExpense_WaitsForInput_IgnoresValuesThatFailTheSchema_AndGoesOnWithTheRightOne()
    {
        using var server = new TestWebServer();
        _host.Publish(ExpenseApproval);
        var id = await _host.StartAsync("expense-approval", new { amount = 500, sessionId = "unused" });
        await _host.WaitUntilWaitingAsync(id, "manager-approval");

        var waiting = InterpreterHost.Progress(await _host.Client.GetInstanceAsync(id))!.Waiting.Single();
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(3), waiting.ExpiresAt);
        Assert.Equal("object", waiting.Schema!.Value.GetProperty("type").GetString());

        await _host.Client.RaiseEventAsync(id, "manager-approval", new { approved = "yes" });
        await _host.Client.RaiseEventAsync(id, "manager-approval", new { approved = true });
        var done = await _host.RunToEndAsync(id, TimeSpan.FromMinutes(1));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(JsonNode.Parse(done.SerializedOutput!)!["approved"]!.GetValue<bool>());
        Assert.Empty(InterpreterHost.Progress(done)!.Waiting);
    }

    [Fact]
    public async Task AWaitThatTimesOut_RunsOnTimeout()
    {
        _host.Publish(ExpenseApproval);
        var id = await _host.StartAsync("expense-approval", new { amount = 500 });
        await _host.WaitUntilWaitingAsync(id, "manager-approval");

        _host.Clock.Advance(TimeSpan.FromDays(3));
        var done = await _host.RunToEndAsync(id, TimeSpan.FromMinutes(1));

        Assert.False(JsonNode.Parse(done.SerializedOutput!)!["approved"]!.GetValue<bool>());
        var approval = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "approval");
        Assert.Equal(StepRunStatus.TimedOut, approval.Status);
        Assert.Contains(InterpreterHost.Progress(done)!.Steps, s => s.StepId == "autoReject" && s.Status == StepRunStatus.Succeeded);
    }

    [Fact]
    public async Task HttpStep_RetriesServerErrors_WithDurableBackoff_ThenSucceeds()
    {
        using var server = new TestWebServer().Then(503).Then(500).Then(200, """{"id":42}""");
        _host.Publish($$$"""
            id: call-api
            name: Call an API
            steps:
              - id: post
                http: {method: POST, url: "{{{server.BaseUrl}}}orders", query: {source: "${ input.source }"}, headers: {X-Trace: "t-1"}, body: {amount: "${ input.amount }"}}
                retry: {maxAttempts: 5, backoff: fixed, initialDelay: PT30S}
              - {id: out, return: "${ steps.post.output.body.id }"}
            """);

        var id = await _host.StartAsync("call-api", new { amount = 12.5, source = "a b" });
        var done = await _host.RunToEndAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(42, JsonNode.Parse(done.SerializedOutput!)!.GetValue<int>());
        Assert.Equal(3, InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "post").Attempts);
        var requests = server.Received.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/orders?source=a%20b"), (r.Method, r.Path)));
        Assert.Equal(12.5, JsonNode.Parse(requests[0].Body)!["amount"]!.GetValue<double>());
    }

    [Fact]
    public async Task HttpStep_A4xx_IsNotRetried_AndStopFailsTheExecutionNamingTheStep()
    {
        using var server = new TestWebServer().Then(404, """{"error":"nope"}""");
        _host.Publish($$$"""
            id: missing
            name: Missing
            steps:
              - id: get
                http: {url: "{{{server.BaseUrl}}}missing"}
                retry: {maxAttempts: 5}
            """);

        var done = await _host.RunToEndAsync(await _host.StartAsync("missing"));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("Step 'get' failed", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("404", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task ForEach_Parallel_Switch_Skip_Alternative_FeedTheReturnValue()
    {
        _host.Publish("""
            id: shapes
            name: Control flow
            steps:
              - id: loop
                forEach:
                  items: "${ input.items }"
                  as: n
                  maxConcurrency: 2
                  steps:
                    - {id: square, set: {sq: "${ vars.n * vars.n }"}}
                    - {id: tag, set: {at: "${ vars.nIndex }"}}
              - id: both
                parallel:
                  branches:
                    - id: left
                      steps: [{id: l, set: {fromLeft: 1}}]
                    - id: right
                      steps: [{id: r, set: {fromRight: 2}}]
              - id: pick
                switch:
                  value: "${ input.color }"
                  cases:
                    - equals: red
                      steps: [{id: isRed, set: {color: stop}}]
                  default: [{id: other, set: {color: go}}]
              - id: optional
                http: {url: "${ input.color }"}
                onError: {strategy: skip}
              - id: primary
                http: {url: "${ input.color }/x"}
                onError: {strategy: alternative, step: backup}
              - id: result
                return:
                  squares: "${ steps.loop.output }"
                  merged: "${ vars.fromLeft + vars.fromRight }"
                  color: "${ vars.color }"
                  optional: "${ steps.optional.status }"
                  primary: "${ steps.primary.output }"
                  leaked: "${ vars.sq ?? 'none' }"
              - id: backup
                set: {fallback: true}
            """);

        var done = await _host.RunToEndAsync(await _host.StartAsync("shapes", new { items = new[] { 1, 2, 3 }, color = "red" }), TimeSpan.FromSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = JsonNode.Parse(done.SerializedOutput!)!;
        Assert.Equal([0, 1, 2], output["squares"]!.AsArray().Select(o => o!["at"]!.GetValue<int>()));
        Assert.Equal(3, output["merged"]!.GetValue<int>());
        Assert.Equal("stop", output["color"]!.GetValue<string>());
        Assert.Equal("Skipped", output["optional"]!.GetValue<string>());
        Assert.True(output["primary"]!["fallback"]!.GetValue<bool>());
        Assert.Equal("none", output["leaked"]!.GetValue<string>());
        var runs = InterpreterHost.Progress(done)!.Steps;
        Assert.Equal([0, 1, 2], runs.Where(r => r.StepId == "square").Select(r => r.Iteration!.Value).Order());
    }

    [Fact]
    public async Task FailStep_FailsTheExecutionWithItsMessage_AndCallRunsAnotherWorkflow()
    {
        _host.Publish("""
            id: child
            name: Child
            steps:
              - {id: check, if: "${ input.n > 10 }", then: [{id: tooBig, fail: {message: "n=${ input.n } is too big", code: E_BIG}}]}
              - {id: give, return: "${ input.n * 2 }"}
            """);
        _host.Publish("""
            id: parent
            name: Parent
            steps:
              - {id: run, call: {workflowId: child, input: {n: "${ input.n }"}}}
              - {id: out, return: "${ steps.run.output + 1 }"}
            """);

        var ok = await _host.RunToEndAsync(await _host.StartAsync("parent", new { n = 4 }), TimeSpan.FromSeconds(1));
        var failed = await _host.RunToEndAsync(await _host.StartAsync("child", new { n = 11 }), TimeSpan.FromSeconds(1));

        Assert.Equal(9, JsonNode.Parse(ok.SerializedOutput!)!.GetValue<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("n=11 is too big", failed.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task ScopedSet_WritesTheUsersVariables_AndLaterStepsReadThem()
    {
        _host.Publish("""
            id: scoped
            name: Scoped
            steps:
              - {id: remember, set: {visits: "${ (scopes.user.visits ?? 0) + 1 }"}, scope: user}
              - {id: out, return: "${ scopes.user.visits }"}
            """);

        var first = await _host.RunToEndAsync(await _host.StartAsync("scoped"), TimeSpan.FromSeconds(1));
        var second = await _host.RunToEndAsync(await _host.StartAsync("scoped"), TimeSpan.FromSeconds(1));

        Assert.Equal(1, JsonNode.Parse(first.SerializedOutput!)!.GetValue<int>());
        Assert.Equal(2, JsonNode.Parse(second.SerializedOutput!)!.GetValue<int>());
        var stored = await _host.Client.GetEntityAsync<FunctionsFlow.Workflows.Variables.VariableSet>(FunctionsFlow.Workflows.Variables.VariableScope.User("alice").EntityId);
        Assert.Equal(2, stored!.State.Items["visits"].Value.GetInt32());
    }

    [Fact]
    public async Task GlobalWrites_NeedAnAdminOwner()
    {
        _host.Publish("""
            id: global-write
            name: Global
            steps:
              - {id: write, set: {banner: hi}, scope: global}
            """);

        var denied = await _host.RunToEndAsync(await _host.StartAsync("global-write"), TimeSpan.FromSeconds(1));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, denied.RuntimeStatus);
        Assert.Contains("Only an admin", denied.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }
}
