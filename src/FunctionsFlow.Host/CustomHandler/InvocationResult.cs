using System.Text.Json.Serialization;

namespace FunctionsFlow.Host.CustomHandler;

/// <summary>A custom handler's answer to an invocation: <c>{"Outputs": {}, "Logs": [...], "ReturnValue": null}</c>.
/// The functions here have no output bindings; <see cref="Logs"/> go to the invocation's log in the Functions host.</summary>
internal sealed record InvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    /// <summary>200 with no outputs and the given log lines.</summary>
    public static IResult Ok(params string[] logs) =>
        TypedResults.Ok(new InvocationResult(new Dictionary<string, object?>(), logs, null));
}
