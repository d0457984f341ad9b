using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;

namespace FunctionsFlow.Durable.Serialization;

/// <summary>Reads a <see cref="TimeSpan"/> from an ISO 8601 duration (<c>PT10M</c>, <c>P3D</c>), a .NET
/// <c>hh:mm:ss</c> string or a number of seconds; writes ISO 8601.</summary>
public sealed class DurationJsonConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return TimeSpan.FromSeconds(reader.GetDouble());
        }

        var text = reader.GetString() ?? throw new JsonException("A duration must not be null.");
        if (TryParse(text, out var value))
        {
            return value;
        }

        throw new JsonException($"'{text}' is not a duration: use ISO 8601 (PT10M, P3D) or hh:mm:ss.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(XmlConvert.ToString(value));
    }

    /// <summary>Parses an ISO 8601 duration or a .NET time span.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = default;
        if (text.StartsWith('P') || text.StartsWith("-P", StringComparison.Ordinal))
        {
            try
            {
                value = XmlConvert.ToTimeSpan(text);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
    }
}
