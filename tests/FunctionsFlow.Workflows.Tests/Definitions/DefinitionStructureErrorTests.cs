namespace FunctionsFlow.Workflows.Tests.Definitions;

/// <summary>Ids, kinds and properties: the shape of a definition and its steps.</summary>
public sealed class DefinitionStructureErrorTests
{
    [Fact]
    public void Parse_MissingIds_AreRequiredAtTheirPlace()
    {
        Assert.Equal(
            ["$.id (line 1, column 1): is required", "$.steps[0].id (line 3, column 5): is required"],
            DefinitionAssert.Errors("name: x\nsteps:\n  - {set: {a: 1}}\n"));
    }

    [Fact]
    public void Parse_InvalidStepIds_NameTheRule()
    {
        Assert.Equal(
            [
                "$.steps[0].id (line 4, column 6): '1st' is not a valid id: start with a letter, then up to 63 letters, digits, '_' or '-'",
                "$.steps[1].id (line 5, column 6): 'a b' is not a valid id: start with a letter, then up to 63 letters, digits, '_' or '-'",
                "$.steps[2].id (line 6, column 6): '" + new string('a', 65) + "' is not a valid id: start with a letter, then up to 63 letters, digits, '_' or '-'",
                "$.steps[3].id (line 7, column 6): must be a string but was a number",
            ],
            DefinitionAssert.Errors(DefinitionAssert.WithSteps(
                $"  - {{id: 1st, set: {{a: 1}}}}\n  - {{id: 'a b', set: {{a: 1}}}}\n  - {{id: {new string('a', 65)}, set: {{a: 1}}}}\n  - {{id: 7, set: {{a: 1}}}}\n")));
    }

    [Fact]
    public void Parse_DuplicateStepIdsAcrossNesting_PointsAtTheFirst()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps("""
              - {id: a, set: {a: 1}}
              - id: b
                if: '${ true }'
                then:
                  - {id: a, set: {b: 1}}
                else:
                  - parallel:
                      branches: [{steps: [{id: b, return: 1}]}]
                    id: c
            """));

        Assert.Equal(
            [
                "$.steps[1].then[0].id (line 8, column 10): 'a' is already the id of the step at $.steps[0].id (line 4): step ids must be unique",
                "$.steps[1].else[0].parallel.branches[0].steps[0].id (line 11, column 32): 'b' is already the id of the step at $.steps[1].id (line 5): step ids must be unique",
            ],
            errors);
    }

    [Fact]
    public void Parse_UnknownKindsMissingKindsAndTwoKinds_AreEachReported()
    {
        var errors = DefinitionAssert.Errors(DefinitionAssert.WithSteps(
            "  - {id: a, sett: {a: 1}}\n  - {id: b}\n  - {id: c, set: {a: 1}, http: {url: 'https://x.example'}}\n  - {id: d, set: {a: 1}, then: []}\n"));

        Assert.Equal(
            [
                "$.steps[0].sett (line 4, column 13): 'sett' is not a step kind: the kinds are set, http, waitForInput, delay, until, if, switch, parallel, forEach, call, checkpoint, return, fail",
                "$.steps[1] (line 5, column 5): has no kind: a step needs one of set, http, waitForInput, delay, until, if, switch, parallel, forEach, call, checkpoint, return, fail",
                "$.steps[2] (line 6, column 5): has more than one kind (set, http): a step has exactly one",
                "$.steps[3].then (line 7, column 26): 'then' is not a property of a set step",
            ],
            errors);
    }

    [Fact]
    public void Parse_UnknownProperties_ListWhatIsAccepted()
    {
        var errors = DefinitionAssert.Errors(
            "id: wf\nname: T\nversion: 2\nsteps:\n  - id: a\n    http: {url: 'https://x.example', verb: GET}\n    retry: {maxAttempts: 2, jitter: true}\n");

        Assert.Equal(
            [
                "$.version (line 3, column 1): 'version' is not a property of a workflow definition; it has description, id, input, name, steps, timeout",
                "$.steps[0].http.verb (line 6, column 38): 'verb' is not a property of http; it has body, connection, expectStatus, headers, method, query, timeout, url",
                "$.steps[0].retry.jitter (line 7, column 29): 'jitter' is not a property of retry; it has backoff, initialDelay, maxAttempts, maxDelay",
            ],
            errors);
    }

    [Theory]
    [InlineData("", "$ (line 1, column 1): a workflow definition must be an object but was null")]
    [InlineData("- a\n- b\n", "$ (line 1, column 1): a workflow definition must be an object but was an array")]
    [InlineData("id: wf\nname: T\nsteps: []\n", "$.steps (line 3, column 1): must hold at least one step")]
    [InlineData("id: wf\nname: T\nsteps: {a: 1}\n", "$.steps (line 3, column 1): must be a list of steps but was an object")]
    [InlineData("id: wf\nname: ''\nsteps: [{id: a, return: 1}]\n", "$.name (line 2, column 1): must not be empty")]
    [InlineData("id: wf\nname: T\ninput: {schema: {}, sample: 1}\nsteps: [{id: a, return: 1}]\n", "$.input.sample (line 3, column 21): 'sample' is not a property of the input; it has schema")]
    [InlineData("id: wf\nname: T\nsteps: [{id: a, return: 1}, 7]\n", "$.steps[1] (line 3, column 29): a step must be an object but was a number")]
    public void Parse_MalformedDocument_SaysWhatIsExpected(string text, string error)
    {
        Assert.Equal([error], DefinitionAssert.Errors(text));
    }

    [Fact]
    public void Parse_DefinitionWithManyProblems_ReportsEveryOneInSourceOrder()
    {
        var errors = DefinitionAssert.Errors("""
            id: Expense approval
            name: Expense approval
            timeout: forever
            steps:
              - id: classify
                set: {needsApproval: "${ input.amount > }"}
                scope: tenant
              - id: classify
                if: "${ steps.clasify.output }"
                then: [{id: wait, waitForInput: {name: ok, timeout: 3 days}}]
              - id: notify
                http: {method: SEND, url: "${ vars.webhookUrl }"}
                retry: {maxAttempts: 0, backoff: random}
                onError: {strategy: alternative, step: fallback}
              - {id: cool-off, delay: PT10M, sleep: true}
              - {id: done}
            """);

        Assert.Equal(
            [
                "$.id (line 1, column 1): 'Expense approval' is not a valid id: start with a letter, then up to 63 letters, digits, '_' or '-'",
                "$.timeout (line 3, column 1): 'forever' is not an ISO 8601 duration such as PT10M or P3D",
                "$.steps[0].set.needsApproval (line 6, column 11): Unexpected '}' at 18 in '${ input.amount > }'. Expected a value",
                "$.steps[0].scope (line 7, column 5): 'tenant' is not one of run, user, workflow, session, global",
                "$.steps[1].id (line 8, column 5): 'classify' is already the id of the step at $.steps[0].id (line 5): step ids must be unique",
                "$.steps[1].if (line 9, column 5): reads steps.clasify, but no step has the id 'clasify'",
                "$.steps[1].then[0].waitForInput.timeout (line 10, column 48): '3 days' is not an ISO 8601 duration such as PT10M or P3D",
                "$.steps[2].http.method (line 12, column 12): 'SEND' is not an HTTP method: use one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS",
                "$.steps[2].retry.maxAttempts (line 13, column 13): must be a whole number from 1 to 100",
                "$.steps[2].retry.backoff (line 13, column 29): 'random' is not one of fixed, linear, exponential",
                "$.steps[2].onError.step (line 14, column 38): names the step 'fallback', which does not exist: the alternative could never run",
                "$.steps[3].sleep (line 15, column 34): 'sleep' is not a property of a delay step",
                "$.steps[4] (line 16, column 5): has no kind: a step needs one of set, http, waitForInput, delay, until, if, switch, parallel, forEach, call, checkpoint, return, fail",
            ],
            errors);
    }
}
