using System.Text.Json;
using System.Text.Json.Serialization;

namespace FunctionsFlow.Durable.Serialization;

/// <summary>Turns inputs, outputs and event payloads into the JSON text that history and messages carry.</summary>
public sealed class DataConverter
{
    /// <summary>The converter used when none is configured: JSON with web defaults (camelCase).</summary>
    public static DataConverter Default { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new DurationJsonConverter() },
    });

    /// <summary>Creates a converter with the given serializer options.</summary>
    public DataConverter(JsonSerializerOptions options)
    {
        Options = options;
    }

    /// <summary>The serializer options.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Serializes a value; null stays null.</summary>
    public string? Serialize(object? value) => value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes a value; null or empty text gives the type's default.</summary>
    public T? Deserialize<T>(string? json) => string.IsNullOrEmpty(json) ? default : JsonSerializer.Deserialize<T>(json, Options);

    /// <summary>Deserializes to a runtime type.</summary>
    public object? Deserialize(string? json, Type type) => string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, type, Options);
}
