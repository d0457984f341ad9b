using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Tests.Definitions;

/// <summary>Each step kind: what the model holds, and that its normal JSON parses back to the same definition.</summary>
public sealed class StepKindTests
{
    [Fact]
    public void Set_WithScope_HoldsValuesInOrder()
    {
        var step = Single<SetStep>("""
            - id: remember
              set: {locale: "${ input.locale }", count: 3, tags: [a, "${ vars.tag }"]}
              scope: user
            """);

        Assert.Equal(VariableScope.User, step.Scope);
        Assert.Equal(["locale", "count", "tags"], step.Values.Select(value => value.Key));
        Assert.Equal("""["a","${ vars.tag }"]""", step.Values[2].Value.ToString());
        Assert.Equal(["vars.tag"], step.Values[2].Value.References);
    }

    [Fact]
    public void Http_WithEverySetting_ReadsThemAll()
    {
        var step = Single<HttpStep>("""
            - id: call-api
              http:
                method: patch
                url: "https://api.example.com/orders/${ input.orderId }"
                headers: {X-Request-Id: "${ execution.id }", Accept: application/json}
                query: {limit: 10, verbose: true}
                body: {status: shipped}
                connection: orders-api
                timeout: PT30S
                expectStatus: [2xx, 404, "300-304"]
              timeout: PT5M
            """);

        Assert.Equal(HttpMethod.Patch, step.Method);
        Assert.Equal(["input.orderId"], step.Url!.References);
        Assert.Equal(["X-Request-Id", "Accept"], step.Headers.Select(header => header.Key));
        Assert.Equal(["10", "true"], step.Query.Select(parameter => parameter.Value.Text));
        Assert.Equal("""{"status":"shipped"}""", step.Body!.ToString());
        Assert.Equal("orders-api", step.Connection);
        Assert.Equal(TimeSpan.FromSeconds(30), step.RequestTimeout);
        Assert.Equal(TimeSpan.FromMinutes(5), step.Timeout);
        Assert.Equal([new StatusRange(200, 299), new StatusRange(404, 404), new StatusRange(300, 304)], step.ExpectStatus);
        Assert.True(step.IsExpected(404));
        Assert.True(step.IsExpected(302));
        Assert.False(step.IsExpected(500));
    }

    [Fact]
    public void Http_WithDefaults_IsGetExpecting2xx()
    {
        var step = Single<HttpStep>("- {id: ping, http: {url: 'https://example.com/health'}}");

        Assert.Equal(HttpMethod.Get, step.Method);
        Assert.True(step.Url!.IsConstant);
        Assert.Empty(step.ExpectStatus);
        Assert.True(step.IsExpected(204));
        Assert.False(step.IsExpected(301));
        Assert.Null(step.Body);
        Assert.Same(ErrorHandling.Default, step.OnError);
        Assert.Null(step.Retry);
    }

    [Fact]
    public void WaitForInput_WithoutTimeout_WaitsWithoutEnd()
    {
        var step = Single<WaitForInputStep>("- {id: review, waitForInput: {name: review}}");

        Assert.Equal("review", step.Name);
        Assert.Null(step.WaitTimeout);
        Assert.Null(step.Schema);
        Assert.Empty(step.OnTimeout);
    }

    [Fact]
    public void WaitForInput_Schema_IsKeptAsWritten()
    {
        var step = Single<WaitForInputStep>("- {id: review, waitForInput: {name: review, schema: {type: object, required: [ok]}}}");

        Assert.Equal("""{"type":"object","required":["ok"]}""", step.Schema!.ToJsonNode()!.ToJsonString());
        Assert.Equal("$.ok: is required", Assert.Single(step.Schema.Schema.Validate(new JsonObject())).ToString());
    }

    [Fact]
    public void DelayAndUntil_ReadDurationAndTime()
    {
        var definition = Parse("""
            - {id: wait-a-day, delay: P1DT2H}
            - {id: wait-until-due, until: "${ input.dueAt }"}
            - {id: wait-until-fixed, until: "2030-01-31T09:00:00Z"}
            """);

        Assert.Equal(TimeSpan.FromHours(26), Assert.IsType<DelayStep>(definition.Steps[0]).Duration);
        Assert.Equal(["input.dueAt"], Assert.IsType<UntilStep>(definition.Steps[1]).Time.References);
        Assert.True(Assert.IsType<UntilStep>(definition.Steps[2]).Time.IsConstant);
    }

    [Fact]
    public void Switch_HoldsCasesAndDefault()
    {
        var step = Single<SwitchStep>("""
            - id: route
              switch:
                value: "${ input.kind }"
                cases:
                  - equals: refund
                    steps: [{id: refund, return: refunded}]
                  - when: "${ input.amount > 1000 }"
                    steps: [{id: big, return: big}]
                default: [{id: other, return: other}]
            """);

        Assert.Equal(["input.kind"], step.Value!.References);
        Assert.Equal("\"refund\"", step.Cases[0].EqualTo!.ToString());
        Assert.Null(step.Cases[0].When);
        Assert.Equal(["input.amount"], step.Cases[1].When!.References);
        Assert.Null(step.Cases[1].EqualTo);
        Assert.Equal("other", Assert.Single(step.Default).Id);
        Assert.Equal(["refund", "big", "other"], step.NestedStepLists.SelectMany(list => list).Select(nested => nested.Id));
    }

    [Fact]
    public void Parallel_HoldsBranches()
    {
        var step = Single<ParallelStep>("""
            - id: fan-out
              parallel:
                branches:
                  - {id: left, steps: [{id: l1, set: {a: 1}}, {id: l2, set: {b: 1}}]}
                  - steps: [{id: r1, set: {c: 1}}]
            """);

        Assert.Equal(["left", null], step.Branches.Select(branch => branch.Id));
        Assert.Equal(["l1", "l2"], step.Branches[0].Steps.Select(nested => nested.Id));
        Assert.Equal(["r1"], step.Branches[1].Steps.Select(nested => nested.Id));
    }

    [Fact]
    public void ForEach_ReadsItemsVariableAndConcurrency()
    {
        var definition = Parse("""
            - id: each-order
              forEach: {items: "${ input.orders }", as: order, maxConcurrency: 5, steps: [{id: ship, set: {last: "${ vars.order.id }"}}]}
            - id: each-default
              forEach: {items: "${ input.lines }", steps: [{id: count, set: {n: 1}}]}
            """);

        var custom = Assert.IsType<ForEachStep>(definition.Steps[0]);
        Assert.Equal(["input.orders"], custom.Items.References);
        Assert.Equal("order", custom.As);
        Assert.Equal(5, custom.MaxConcurrency);
        Assert.Equal("ship", Assert.Single(custom.Steps).Id);
        var defaults = Assert.IsType<ForEachStep>(definition.Steps[1]);
        Assert.Equal(ForEachStep.DefaultVariable, defaults.As);
        Assert.Equal(1, defaults.MaxConcurrency);
    }

    [Fact]
    public void CallCheckpointReturnFail_ReadTheirSettings()
    {
        var definition = Parse("""
            - {id: sub, call: {workflowId: invoice-pdf, input: {orderId: "${ input.orderId }"}}}
            - {id: saved, checkpoint: after-invoice}
            - {id: saved-too, checkpoint: {name: again}}
            - {id: bare, checkpoint: }
            - {id: too-much, fail: {message: "Amount ${ input.amount } is too large", code: amount-too-large}}
            - {id: short, fail: Nope}
            - {id: nothing, return: null}
            """);

        var call = Assert.IsType<CallStep>(definition.Steps[0]);
        Assert.Equal("invoice-pdf", call.WorkflowId);
        Assert.Equal(["input.orderId"], call.Input!.References);
        Assert.Equal("after-invoice", Assert.IsType<CheckpointStep>(definition.Steps[1]).Name);
        Assert.Equal("again", Assert.IsType<CheckpointStep>(definition.Steps[2]).Name);
        Assert.Null(Assert.IsType<CheckpointStep>(definition.Steps[3]).Name);
        var fail = Assert.IsType<FailStep>(definition.Steps[4]);
        Assert.Equal("amount-too-large", fail.Code);
        Assert.Equal("Amount 250 is too large", fail.Message.Evaluate(new ExpressionContext { Input = new JsonObject { ["amount"] = 250 } })!.GetValue<string>());
        Assert.Equal("Nope", Assert.IsType<FailStep>(definition.Steps[5]).Message.Text);
        Assert.Null(Assert.IsType<ReturnStep>(definition.Steps[6]).Value.ToJsonNode());
    }

    [Fact]
    public void OnError_EveryStrategy_IsRead()
    {
        var definition = Parse("""
            - {id: a, http: {url: "https://a.example"}, onError: {strategy: stop}}
            - {id: b, http: {url: "https://b.example"}, onError: {strategy: skip}}
            - {id: c, http: {url: "https://c.example"}, onError: {strategy: useDefault, value: null}}
            - {id: d, http: {url: "https://d.example"}, onError: {strategy: alternative, step: fallback}}
            - {id: e, http: {url: "https://e.example"}, onError: {strategy: notifyAndContinue, notify: ops-webhook}}
            - {id: f, http: {url: "https://f.example"}, onError: {strategy: notifyAndContinue}}
            - {id: fallback, return: fallback}
            """);

        Assert.Equal(
            [ErrorStrategy.Stop, ErrorStrategy.Skip, ErrorStrategy.UseDefault, ErrorStrategy.Alternative, ErrorStrategy.NotifyAndContinue, ErrorStrategy.NotifyAndContinue],
            definition.Steps.Take(6).Select(step => step.OnError.Strategy));
        Assert.Equal("null", definition.Steps[2].OnError.Value!.ToString());
        Assert.Equal("fallback", definition.Steps[3].OnError.AlternativeStepId);
        Assert.Equal("ops-webhook", definition.Steps[4].OnError.Notify);
        Assert.Null(definition.Steps[5].OnError.Notify);
    }

    [Fact]
    public void Retry_Defaults_AreExponentialFromOneSecond()
    {
        var retry = Single<SetStep>("- {id: a, set: {x: 1}, retry: {maxAttempts: 3}}").Retry!;

        Assert.Equal(new RetryPolicy(3, BackoffKind.Exponential, TimeSpan.FromSeconds(1), null), retry);
        Assert.Equal([1, 2, 4, 8], Enumerable.Range(1, 4).Select(retryNumber => retry.DelayBefore(retryNumber).TotalSeconds));
    }

    [Theory]
    [InlineData(BackoffKind.Fixed, new[] { 2.0, 2, 2, 2 })]
    [InlineData(BackoffKind.Linear, new[] { 2.0, 4, 5, 5 })]
    [InlineData(BackoffKind.Exponential, new[] { 2.0, 4, 5, 5 })]
    public void DelayBefore_GrowsByBackoffUpToMaxDelay(BackoffKind backoff, double[] seconds)
    {
        var retry = new RetryPolicy(10, backoff, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

        Assert.Equal(seconds, Enumerable.Range(1, 4).Select(retryNumber => retry.DelayBefore(retryNumber).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(seconds[^1]), retry.DelayBefore(1_000));
    }

    [Fact]
    public void DelayBefore_ExponentialWithoutCap_StopsAtTheLongestTimeSpan()
    {
        var retry = new RetryPolicy(100, BackoffKind.Exponential, TimeSpan.FromDays(1), null);

        Assert.Equal(TimeSpan.FromDays(512), retry.DelayBefore(10));
        Assert.Equal(TimeSpan.MaxValue, retry.DelayBefore(100));
    }

    [Fact]
    public void ToJson_DefinitionUsingEveryKindAndSetting_ParsesBackToTheSameJson()
    {
        var definition = DefinitionAssert.Valid(EveryKind);

        var json = definition.ToJson();
        var again = DefinitionAssert.Valid(json.ToJsonString(), "application/json");

        Assert.True(JsonNode.DeepEquals(json, again.ToJson()), $"{json}\n---\n{again.ToJson()}");
        Assert.Equal(StepKinds.All.Order(StringComparer.Ordinal), definition.AllSteps().Select(step => step.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("Every kind", again.Description);
        Assert.Equal(TimeSpan.FromDays(30), again.Timeout);
    }

    [Fact]
    public void ToJson_WritesDurationsVerbsAndEnumsOneWay()
    {
        var json = DefinitionAssert.Valid(DefinitionAssert.WithSteps(
            "  - {id: a, http: {method: post, url: 'https://x.example', timeout: PT90S, expectStatus: 201}, retry: {maxAttempts: 2, backoff: fixed, initialDelay: PT60S}}\n")).ToJson();

        Assert.Equal(
            """{"id":"a","http":{"method":"POST","url":"https://x.example","timeout":"PT1M30S","expectStatus":["201"]},"retry":{"maxAttempts":2,"backoff":"fixed","initialDelay":"PT1M"}}""",
            json["steps"]![0]!.ToJsonString());
    }

    private const string EveryKind = """
        id: every-kind
        name: Every kind
        description: Every kind
        timeout: P30D
        input:
          schema: {type: object}
        steps:
          - {id: s-set, set: {a: "${ input.a }"}, scope: global}
          - id: s-http
            http: {method: PUT, url: "https://x.example/${ vars.a }", headers: {A: b}, query: {q: "1"}, body: [1, "${ vars.a }"], connection: c, timeout: PT10S, expectStatus: [2xx, 409]}
            retry: {maxAttempts: 4, backoff: linear, initialDelay: PT2S, maxDelay: PT10S}
            onError: {strategy: alternative, step: s-fail}
            timeout: PT1M
          - id: s-wait
            waitForInput: {name: approve, timeout: P7D, schema: {type: object}}
            onTimeout: [{id: s-timeout, set: {timedOut: true}}]
          - {id: s-delay, delay: PT10M}
          - {id: s-until, until: "${ input.at }"}
          - {id: s-if, if: "${ vars.a }", then: [{id: s-then, checkpoint: one}], else: [{id: s-else, checkpoint: }]}
          - id: s-switch
            switch:
              value: "${ input.kind }"
              cases: [{equals: {k: 1}, steps: [{id: s-case1, return: 1}]}, {when: "${ true }", steps: []}]
              default: [{id: s-default, return: 0}]
          - {id: s-parallel, parallel: {branches: [{id: b1, steps: [{id: s-b1, delay: PT1S}]}, {steps: [{id: s-b2, delay: PT2S}]}]}}
          - {id: s-foreach, forEach: {items: "${ input.items }", as: it, maxConcurrency: 3, steps: [{id: s-body, set: {x: "${ vars.it }"}}]}}
          - {id: s-call, call: {workflowId: other, input: {x: 1}}, onError: {strategy: useDefault, value: {ok: false}}}
          - {id: s-return, return: {done: "${ steps.s-call.output }"}, onError: {strategy: notifyAndContinue, notify: ops}}
          - {id: s-fail, fail: {message: "failed ${ steps['s-http'].output.status }", code: e1}, onError: {strategy: skip}}
        """;

    private static WorkflowDefinition Parse(string steps) =>
        DefinitionAssert.Valid(DefinitionAssert.WithSteps(string.Concat(steps.Split('\n').Select(line => "  " + line + "\n"))));

    private static T Single<T>(string steps)
        where T : WorkflowStep
    {
        var definition = Parse(steps);
        var step = Assert.IsType<T>(Assert.Single(definition.Steps));
        var again = DefinitionAssert.Valid(definition.ToJson().ToJsonString(), "application/json");
        Assert.True(JsonNode.DeepEquals(definition.ToJson(), again.ToJson()));
        return step;
    }
}
