using System.Text.Json;
using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Workflows;

/// <summary>A duration in a request body: an ISO 8601 duration (<c>PT30M</c>, <c>P1D</c>) or a number of seconds.</summary>
public static class JsonDuration
{
    /// <summary>What a duration may be, as said to a caller who sent something else.</summary>
    public const string Rule = "Must be an ISO 8601 duration such as \"PT30M\" or \"P1D\", or a number of seconds.";

    /// <summary>Reads <paramref name="value"/> as a duration; false when it is neither form.</summary>
    public static bool TryRead(JsonElement value, out TimeSpan duration)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }

        duration = default;
        return value.ValueKind == JsonValueKind.String && DurationJsonConverter.TryParse(value.GetString()!, out duration);
    }
}
