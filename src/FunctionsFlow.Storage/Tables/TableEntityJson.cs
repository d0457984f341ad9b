using System.Globalization;
using System.Text.Json;
using Azure;

namespace FunctionsFlow.Storage.Tables;

/// <summary>The OData JSON wire format of entities (data service version 3.0).</summary>
/// <remarks>Writes annotate every type JSON cannot carry by itself (<c>Edm.Int64</c>, <c>Edm.DateTime</c>,
/// <c>Edm.Guid</c>, <c>Edm.Binary</c>) and always <c>Edm.Double</c>, so a double of 2.0 is not read back as an
/// Int32 by any client. Reads honour annotations; an unannotated number is an Int32 when it is written as an
/// integer and a double otherwise.</remarks>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>The entity as a JSON request body.</summary>
    public static BinaryData Serialize(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, entity);
        }

        return new BinaryData(buffer.ToArray());
    }

    /// <summary>Writes the entity's keys and properties as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("PartitionKey", entity.PartitionKey);
        writer.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            WriteProperty(writer, name, value);
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads an entity object of a response; <paramref name="etag"/> wins over the body's <c>odata.etag</c>.</summary>
    public static TableEntity Read(JsonElement element, ETag etag = default)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types[property.Name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var entity = new TableEntity(
            element.GetProperty("PartitionKey").GetString() ?? string.Empty,
            element.GetProperty("RowKey").GetString() ?? string.Empty);
        if (etag != default)
        {
            entity.ETag = etag;
        }
        else if (element.TryGetProperty("odata.etag", out var bodyEtag) && bodyEtag.GetString() is { } text)
        {
            entity.ETag = new ETag(text);
        }

        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" || property.Value.ValueKind == JsonValueKind.Null ||
                name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }

            if (name == "Timestamp")
            {
                entity.Timestamp = ParseDateTime(property.Value.GetString()!);
            }
            else
            {
                entity[name] = ReadValue(property.Value, types.GetValueOrDefault(name));
            }
        }

        return entity;
    }

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case long l:
                writer.WriteString(name + TypeSuffix, "Edm.Int64");
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                writer.WriteString(name + TypeSuffix, "Edm.Double");
                WriteDouble(writer, name, d);
                break;
            case DateTimeOffset dt:
                writer.WriteString(name + TypeSuffix, "Edm.DateTime");
                writer.WriteString(name, FormatDateTime(dt));
                break;
            case Guid g:
                writer.WriteString(name + TypeSuffix, "Edm.Guid");
                writer.WriteString(name, g.ToString("D"));
                break;
            case byte[] bytes:
                writer.WriteString(name + TypeSuffix, "Edm.Binary");
                writer.WriteBase64String(name, bytes);
                break;
            default:
                throw new InvalidOperationException($"Property '{name}' has unsupported type {value.GetType().Name}.");
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static object ReadValue(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.String" => value.GetString()!,
        "Edm.Boolean" => value.GetBoolean(),
        "Edm.Int32" => value.GetInt32(),
        "Edm.Int64" => value.ValueKind == JsonValueKind.String
            ? long.Parse(value.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : value.GetInt64(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseDouble(value.GetString()!) : value.GetDouble(),
        "Edm.DateTime" => ParseDateTime(value.GetString()!),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        _ => Infer(value),
    };

    private static object Infer(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when IsIntegerToken(value) && value.TryGetInt32(out var i) => i,
        JsonValueKind.Number when IsIntegerToken(value) && value.TryGetInt64(out var l) => l,
        JsonValueKind.Number => value.GetDouble(),
        _ => throw new JsonException($"A table property cannot be a JSON {value.ValueKind}."),
    };

    private static bool IsIntegerToken(JsonElement number) => number.GetRawText().AsSpan().IndexOfAny(".eE") < 0;

    private static double ParseDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    internal static string FormatDateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
