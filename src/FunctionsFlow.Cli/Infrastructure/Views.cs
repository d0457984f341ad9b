using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionsFlow.Cli.Infrastructure;

/// <summary>Renders API answers for people: tables of items, property grids, JSON values in one line.</summary>
internal static class Views
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A table with a column per header and a row per item; cells are plain text (never markup).</summary>
    public static Table Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
        }

        return table;
    }

    /// <summary>A two-column grid of names and values; null values are left out.</summary>
    public static Grid Properties(IEnumerable<(string Name, string? Value)> properties)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        foreach (var (name, value) in properties.Where(p => p.Value is not null))
        {
            grid.AddRow(new Text(name, new Style(decoration: Decoration.Bold)), new Text(value!));
        }

        return grid;
    }

    /// <summary>A property of an object as display text: strings as they are, times in UTC, other JSON in one line;
    /// null when absent or null.</summary>
    public static string? Field(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) ? Value(value) : null;

    public static string? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String when value.TryGetDateTimeOffset(out var time) && value.GetString()!.Contains('T', StringComparison.Ordinal) => Time(time),
        JsonValueKind.String => value.GetString(),
        _ => JsonSerializer.Serialize(value, Compact),
    };

    public static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A duration for people: 850 ms, 12.4 s, 3 m 05 s, 2 h 10 m, 3 d 4 h.</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalSeconds: < 1 } => $"{span.TotalMilliseconds:0} ms",
        { TotalMinutes: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } => $"{(int)span.TotalMinutes} m {span.Seconds:00} s",
        { TotalDays: < 1 } => $"{(int)span.TotalHours} h {span.Minutes:00} m",
        _ => $"{(int)span.TotalDays} d {span.Hours} h",
    };

    /// <summary>The items of a list answer (<c>{items: [...]}</c>) or of a bare array.</summary>
    public static IEnumerable<JsonElement> Items(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray()
        : answer.ValueKind == JsonValueKind.Object && answer.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array ? items.EnumerateArray()
        : [];

    public static DateTimeOffset? TimeField(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : null;

    /// <summary>Shortens one-line text for a table cell.</summary>
    public static string Clip(string? text, int length = 60) =>
        text is null ? string.Empty : text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}
