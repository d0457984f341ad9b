using System.Text.Json;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>An <c>http</c> step's request, with every template already evaluated (what goes into history).</summary>
/// <param name="Method">The HTTP verb.</param>
/// <param name="Url">The absolute http(s) URL, query included; empty when a webhook connection gives it.</param>
/// <param name="Headers">Request headers (no credentials: a connection's are added inside the activity).</param>
/// <param name="Body">The JSON body, or null for none.</param>
/// <param name="Timeout">How long one attempt may take.</param>
/// <param name="Connection">The named connection whose credentials the request carries, if any.</param>
/// <param name="Owner">The user the execution runs for (whose connection is used).</param>
public sealed record HttpCall(
    string Method,
    string Url,
    IReadOnlyDictionary<string, string> Headers,
    JsonElement? Body,
    TimeSpan Timeout,
    string? Connection = null,
    string? Owner = null);

/// <summary>What came back: the status, the response headers and the body (JSON when it parses as JSON, else text).</summary>
public sealed record HttpCallResult(int Status, IReadOnlyDictionary<string, string> Headers, JsonElement? Body);
