using System.Text.Json;

namespace FunctionsFlow.Workflows.Tests.Support;

/// <summary>JSON values for tests.</summary>
public static class Json
{
    /// <summary>Parses JSON text into a value that outlives its document.</summary>
    public static JsonElement Parse(string json) => JsonSerializer.Deserialize<JsonElement>(json);

    /// <summary>A value's JSON, for comparing values in assertions.</summary>
    public static JsonElement Of<T>(T value) => JsonSerializer.SerializeToElement(value);

    /// <summary>Asserts two JSON values are the same value.</summary>
    public static void Equal(JsonElement expected, JsonElement actual) =>
        Assert.True(JsonElement.DeepEquals(expected, actual), $"Expected {expected.GetRawText()} but found {actual.GetRawText()}.");
}
