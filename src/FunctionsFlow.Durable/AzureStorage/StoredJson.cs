using System.Text.Json;
using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>JSON of everything the Azure backend stores, with the options every backend shares.</summary>
internal static class StoredJson
{
    /// <summary>Serializes a value.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, WorkItemSerializer.Options);

    /// <summary>Reads a value that must not be null.</summary>
    /// <exception cref="JsonException">The text is not such a value.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, WorkItemSerializer.Options) ?? throw new JsonException($"A stored {typeof(T).Name} was null.");
}
