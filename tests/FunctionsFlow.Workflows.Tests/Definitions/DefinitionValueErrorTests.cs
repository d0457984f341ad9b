namespace FunctionsFlow.Workflows.Tests.Definitions;

/// <summary>Durations, expressions, policies, schemas and the settings of each step kind.</summary>
public sealed class DefinitionValueErrorTests
{
    [Fact]
    public void Parse_BadDurations_AreReportedWhereWritten()
    {
        Assert.Equal(
            [
                "$.steps[0].delay (line 4, column 13): '10m' is not an ISO 8601 duration such as PT10M or P3D",
                "$.steps[1].delay (line 5, column 13): 'PT0S' must be longer than zero",
                "$.steps[2].delay (line 6, column 13): must be an ISO 8601 duration such as PT10M or P3D but was a number",
                "$.steps[3].timeout (line 7, column 26): 'P' is not an ISO 8601 duration such as PT10M or P3D",
                "$.steps[4].delay (line 8, column 13): '00:10:00' is not an ISO 8601 duration such as PT10M or P3D",
            ],
            DefinitionAssert.Errors(DefinitionAssert.WithSteps(
                "  - {id: a, delay: 10m}\n  - {id: b, delay: PT0S}\n  - {id: c, delay: 5}\n  - {id: d, set: {a: 1}, timeout: P}\n  - {id: e, delay: '00:10:00'}\n")));
    }

    [Fact]
    public void Parse_BadExpressionsAndUnknownReferences_AreReportedAtEachLeaf()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, set: {x: '${ input.a + }', y: '${ variables.b }', z: ['${ steps.nope.output }', ok]}}\n" +
            "  - {id: b, if: '${ steps.a.output && steps[\"c d\"].output }', then: []}\n"));

        Assert.Equal(
            [
                "$.steps[0].set.x (line 4, column 19): Unexpected '}' at 13 in '${ input.a + }'. Expected a value",
                "$.steps[0].set.y (line 4, column 40): Unknown name 'variables' at 3 in '${ variables.b }'. An expression reads from input, vars, scopes, steps, execution or now",
                "$.steps[0].set.z[0] (line 4, column 67): reads steps.nope, but no step has the id 'nope'",
                "$.steps[1].if (line 5, column 13): reads steps['c d'], but no step has the id 'c d'",
            ],
            errors);
    }

    [Fact]
    public void Parse_ProblemsDeepInsideABody_AreReportedAtEachString()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps("""
              - id: post
                http:
                  method: POST
                  url: https://x.example
                  body:
                    customer: {name: "${ input.name", tags: ["${ 1 + }", ok]}
                    lines: [{sku: "${ steps.lookup.output.sku }"}, {sku: "${ steps.lookup.output.alt }"}]
            """));

        Assert.Equal(
            [
                "$.steps[0].http.body.customer.name (line 9, column 20): Unclosed '${' at 0 in '${ input.name'. Close it with '}', or write '$${' for a literal '${'",
                "$.steps[0].http.body.customer.tags[0] (line 9, column 50): Unexpected '}' at 7 in '${ 1 + }'. Expected a value",
                "$.steps[0].http.body.lines[0].sku (line 10, column 18): reads steps.lookup, but no step has the id 'lookup'",
                "$.steps[0].http.body.lines[1].sku (line 10, column 57): reads steps.lookup, but no step has the id 'lookup'",
            ],
            errors);
    }

    [Fact]
    public void Parse_StepReferences_MayNameAnyStepWhereverItIs()
    {
        var definition = DefinitionAssert.Valid(DefinitionAssert.WithSteps("""
              - {id: first, return: "${ steps.later.output + steps['cool-off'].output + steps.cool-off.output }"}
              - id: branch
                if: "${ steps }"
                then: [{id: later, set: {x: 1}}, {id: cool-off, delay: PT1M}]
            """));

        Assert.Equal(["steps", "steps.cool-off.output", "steps.later.output"], definition.AllSteps().SelectMany(StepReferences).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_OnErrorProblems_AreEachReported()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, set: {x: 1}, onError: {strategy: alternative, step: ghost}}\n" +
            "  - {id: b, set: {x: 1}, onError: {strategy: useDefault}}\n" +
            "  - {id: c, set: {x: 1}, onError: {strategy: alternative, step: c}}\n" +
            "  - {id: d, set: {x: 1}, onError: {strategy: explode}}\n" +
            "  - {id: e, set: {x: 1}, onError: {strategy: skip, value: 1, notify: slack}}\n" +
            "  - {id: f, set: {x: 1}, onError: {strategy: alternative}}\n" +
            "  - {id: g, set: {x: 1}, onError: {value: 1}}\n"));

        Assert.Equal(
            [
                "$.steps[0].onError.step (line 4, column 59): names the step 'ghost', which does not exist: the alternative could never run",
                "$.steps[1].onError.value (line 5, column 26): is required by the strategy useDefault",
                "$.steps[2].onError.step (line 6, column 59): names the step itself: an alternative must be another step",
                "$.steps[3].onError.strategy (line 7, column 36): 'explode' is not one of stop, skip, useDefault, alternative, notifyAndContinue",
                "$.steps[4].onError.value (line 8, column 52): does not apply to the strategy skip",
                "$.steps[4].onError.notify (line 8, column 62): does not apply to the strategy skip",
                "$.steps[5].onError.step (line 9, column 26): is required by the strategy alternative",
                "$.steps[6].onError.strategy (line 10, column 26): is required",
            ],
            errors);
    }

    [Fact]
    public void Parse_BadRetryValues_AreEachReported()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, set: {x: 1}, retry: {maxAttempts: 0}}\n" +
            "  - {id: b, set: {x: 1}, retry: {maxAttempts: 2.5, backoff: random}}\n" +
            "  - {id: c, set: {x: 1}, retry: {maxAttempts: 3, initialDelay: PT1M, maxDelay: PT1S}}\n" +
            "  - {id: d, set: {x: 1}, retry: {}}\n" +
            "  - {id: e, set: {x: 1}, retry: {maxAttempts: 101}}\n" +
            "  - {id: f, set: {x: 1}, retry: 3}\n"));

        Assert.Equal(
            [
                "$.steps[0].retry.maxAttempts (line 4, column 34): must be a whole number from 1 to 100",
                "$.steps[1].retry.maxAttempts (line 5, column 34): must be a whole number from 1 to 100",
                "$.steps[1].retry.backoff (line 5, column 52): 'random' is not one of fixed, linear, exponential",
                "$.steps[2].retry.maxDelay (line 6, column 70): must not be shorter than initialDelay",
                "$.steps[3].retry.maxAttempts (line 7, column 26): is required",
                "$.steps[4].retry.maxAttempts (line 8, column 34): must be a whole number from 1 to 100",
                "$.steps[5].retry (line 9, column 26): retry must be an object but was a number",
            ],
            errors);
    }

    [Fact]
    public void Parse_InvalidSchemas_ReportEachSchemaErrorAtItsPathAndLine()
    {
        var errors = DefinitionAssert.Errors("""
            id: wf
            name: T
            input:
              schema:
                type: objekt
                properties:
                  a: {minimum: x}
            steps:
              - id: w
                waitForInput: {name: w, schema: {required: 3}}
            """);

        Assert.Equal(
            [
                "$.input.schema.type (line 5, column 5): 'objekt' is not a type; use one of object, array, string, number, integer, boolean, null",
                "$.input.schema.properties.a.minimum (line 7, column 11): must be a number but was a string",
                "$.steps[0].waitForInput.schema.required (line 10, column 38): must be an array of property names but was a number",
            ],
            errors);
    }

    [Fact]
    public void Parse_HttpSettings_AreChecked()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, http: {method: FETCH, url: 'ftp://x'}}\n" +
            "  - {id: b, http: {url: 'https://x.example', expectStatus: [2xx, 700, '300-200', 'abc']}}\n" +
            "  - {id: c, http: {url: 'https://x.example', headers: {'bad header': x, ok: 1}, connection: 'my slack'}}\n" +
            "  - {id: d, http: {method: POST}}\n"));

        Assert.Equal(
            [
                "$.steps[0].http.method (line 4, column 20): 'FETCH' is not an HTTP method: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
                "$.steps[0].http.url (line 4, column 35): 'ftp://x' is not an absolute http or https URL",
                "$.steps[1].http.expectStatus[1] (line 5, column 66): '700' is not a status: write a code from 100 to 599, a class such as 2xx, or a range such as 200-299",
                "$.steps[1].http.expectStatus[2] (line 5, column 71): '300-200' is not a status: write a code from 100 to 599, a class such as 2xx, or a range such as 200-299",
                "$.steps[1].http.expectStatus[3] (line 5, column 82): 'abc' is not a status: write a code from 100 to 599, a class such as 2xx, or a range such as 200-299",
                "$.steps[2].http.headers['bad header'] (line 6, column 56): 'bad header' is not a valid name in headers",
                "$.steps[2].http.connection (line 6, column 81): 'my slack' is not a valid id: start with a letter, then up to 63 letters, digits, '_' or '-'",
                "$.steps[3].http.url (line 7, column 13): is required",
            ],
            errors);
    }

    [Fact]
    public void Parse_SetProblems_AreReported()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, set: {x: 1}, scope: tenant}\n  - {id: b, set: {}}\n  - {id: c, set: {'a b': 1}}\n  - {id: d, set: [1]}\n"));

        Assert.Equal(
            [
                "$.steps[0].scope (line 4, column 26): 'tenant' is not one of run, user, workflow, session, global",
                "$.steps[1].set (line 5, column 13): must name at least one value to set",
                "$.steps[2].set['a b'] (line 6, column 19): 'a b' is not a valid variable name: start with a letter or '_', then up to 63 letters, digits, '_' or '-'",
                "$.steps[3].set (line 7, column 13): set must be an object but was an array",
            ],
            errors);
    }

    [Fact]
    public void Parse_BranchingProblems_AreReported()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, switch: {cases: [{equals: 1, steps: []}, {steps: []}, {when: '${ true }', equals: 2, steps: []}]}}\n" +
            "  - {id: b, parallel: {branches: []}}\n" +
            "  - {id: c, parallel: {branches: [{id: x, steps: []}, {id: x, steps: []}]}}\n" +
            "  - {id: d, forEach: {items: '${ input.items }', as: '1x', maxConcurrency: 0, steps: []}}\n" +
            "  - {id: e, if: '${ true }'}\n" +
            "  - {id: f, switch: {value: '${ input.kind }'}}\n"));

        Assert.Equal(
            [
                "$.steps[0].switch.cases[0].equals (line 4, column 31): needs the switch's value to compare with",
                "$.steps[0].switch.cases[1] (line 4, column 54): needs when (a condition) or equals (a value to compare with the switch's value)",
                "$.steps[0].switch.cases[2] (line 4, column 67): has both when and equals: a case has one of them",
                "$.steps[1].parallel.branches (line 5, column 24): branches must hold at least one item",
                "$.steps[2].parallel.branches[1].id (line 6, column 56): 'x' is already the id of another branch of this step",
                "$.steps[3].forEach.as (line 7, column 50): '1x' is not a valid variable name: start with a letter or '_', then up to 63 letters, digits, '_' or '-'",
                "$.steps[3].forEach.maxConcurrency (line 7, column 60): must be a whole number from 1 to 100",
                "$.steps[3].forEach.steps (line 7, column 79): must hold at least one step",
                "$.steps[4] (line 8, column 5): has an if but neither then nor else",
                "$.steps[5].switch.cases (line 9, column 13): is required",
            ],
            errors);
    }

    [Fact]
    public void Parse_OtherStepSettings_AreChecked()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, call: {workflowId: wf}}\n  - {id: b, until: tomorrow}\n  - {id: c, checkpoint: 'bad name'}\n" +
            "  - {id: d, fail: {code: x}}\n  - id: e\n    waitForInput: {name: w}\n    onTimeout: []\n  - {id: f, call: {workflowId: other, version: 2}}\n"));

        Assert.Equal(
            [
                "$.steps[0].call.workflowId (line 4, column 20): names this workflow: a workflow may not call itself",
                "$.steps[1].until (line 5, column 13): 'tomorrow' is not an ISO 8601 date and time such as 2025-01-31T09:00:00Z",
                "$.steps[2].checkpoint (line 6, column 13): 'bad name' is not a valid id: start with a letter, then up to 63 letters, digits, '_' or '-'",
                "$.steps[3].fail.message (line 7, column 13): is required",
                "$.steps[4].onTimeout (line 10, column 5): needs waitForInput.timeout: without one the wait never times out",
                "$.steps[5].call.version (line 11, column 39): 'version' is not a property of call; it has input, workflowId",
            ],
            errors);
    }

    private static IEnumerable<string> StepReferences(FunctionsFlow.Workflows.Definitions.Steps.WorkflowStep step) => step switch
    {
        FunctionsFlow.Workflows.Definitions.Steps.ReturnStep @return => @return.Value.References,
        FunctionsFlow.Workflows.Definitions.Steps.IfStep @if => @if.Condition.References,
        _ => [],
    };
}
