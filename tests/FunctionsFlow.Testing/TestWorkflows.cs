namespace FunctionsFlow.Testing;

/// <summary>Workflow definitions the test suites share.</summary>
public static class TestWorkflows
{
    private const string EchoBody = """
        name: Echo
        input:
          schema: {type: object, required: [n], properties: {n: {type: number}}}
        steps:
          - {id: done, return: {n: "${ input.n }"}}
        """;

    /// <summary>A workflow that returns its input's <c>n</c> (a required number) at once.</summary>
    public static string Echo(string id) => $"id: {id}\n{EchoBody}";
}
