using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Storage.Queues;

namespace FunctionsFlow.Host.Tests.FunctionApp;

/// <summary>The bodies the Azure Functions host posts to a custom handler for timer and queue functions.</summary>
public static class InvocationPayloads
{
    /// <summary>A timer invocation, as the Functions host sends it.</summary>
    public static StringContent Timer(string function, DateTimeOffset now) => Json(new JsonObject
    {
        ["Data"] = new JsonObject
        {
            ["timer"] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = new JsonObject { ["Last"] = now.AddMinutes(-1), ["Next"] = now.AddMinutes(1), ["LastUpdated"] = now },
                ["IsPastDue"] = false,
            },
        },
        ["Metadata"] = new JsonObject { ["sys"] = Sys(function, now) },
    });

    /// <summary>A queue invocation for a message the Functions host received. <paramref name="encoded"/> writes the metadata
    /// values as the host really does (JSON text inside strings); otherwise as its documentation shows them.</summary>
    public static StringContent Queue(string function, QueueMessage message, bool encoded)
    {
        JsonNode? Value(object value) => encoded ? JsonSerializer.Serialize(value) : JsonValue.Create(value);
        return Json(new JsonObject
        {
            ["Data"] = new JsonObject { ["message"] = JsonSerializer.Serialize(message.Text) },
            ["Metadata"] = new JsonObject
            {
                ["DequeueCount"] = Value(message.DequeueCount),
                ["ExpirationTime"] = Value(message.ExpiresOn),
                ["Id"] = Value(message.MessageId),
                ["InsertionTime"] = Value(message.InsertedOn),
                ["NextVisibleTime"] = Value(message.NextVisibleOn),
                ["PopReceipt"] = Value(message.PopReceipt),
                ["sys"] = Sys(function, DateTimeOffset.UtcNow),
            },
        });
    }

    /// <summary>The invocation answer's shape: no outputs, log lines, no return value.</summary>
    public static async Task<IReadOnlyList<string>> AssertInvocationResultAsync(HttpResponseMessage response)
    {
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = doc.RootElement;
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], root.EnumerateObject().Select(p => p.Name));
        Assert.Empty(root.GetProperty("Outputs").EnumerateObject());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnValue").ValueKind);
        return [.. root.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)];
    }

    private static JsonObject Sys(string function, DateTimeOffset now) =>
        new() { ["MethodName"] = function, ["UtcNow"] = now, ["RandGuid"] = Guid.NewGuid().ToString() };

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
