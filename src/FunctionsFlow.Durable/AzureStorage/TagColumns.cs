using System.Globalization;
using System.Text;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>Each tag of an instance also as a property of its own status row, so listings filter by tag on the server.</summary>
/// <remarks>A property name keeps ASCII letters and digits, doubles <c>_</c> and writes any other character as <c>_</c>
/// and four hex digits, so distinct keys never share a property. A name that would be too long, and a value longer
/// than 512 characters, is replaced by its SHA-256: rows stay well inside the 1 MiB entity limit, and since the store
/// checks every listed row against the query in memory, a collision could only add a row that is then dropped.</remarks>
internal static class TagColumns
{
    /// <summary>The most tags an instance may have (a row holds at most 252 properties).</summary>
    public const int MaxTags = 100;

    private const string Prefix = "tag_";
    private const string HashedPrefix = "tagh_";
    private const int MaxValueLength = 512;
    private const int MaxPropertyNameLength = 255;

    /// <summary>Adds a property per tag.</summary>
    /// <exception cref="ArgumentException">More than <see cref="MaxTags"/> tags.</exception>
    public static void Write(TableEntity row, IReadOnlyDictionary<string, string>? tags)
    {
        if (tags is null)
        {
            return;
        }

        if (tags.Count > MaxTags)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"An instance has at most {MaxTags} tags; this one has {tags.Count}."), nameof(tags));
        }

        foreach (var (key, value) in tags)
        {
            row[PropertyName(key)] = PropertyValue(value);
        }
    }

    /// <summary>The filter that matches rows whose tag <paramref name="key"/> is <paramref name="value"/>.</summary>
    public static string Filter(string key, string value) => TableFilter.Equal(PropertyName(key), PropertyValue(value));

    private static string PropertyName(string key)
    {
        var name = new StringBuilder(Prefix, Prefix.Length + key.Length);
        foreach (var c in key)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(c);
            }
            else if (c == '_')
            {
                name.Append("__");
            }
            else
            {
                name.Append('_').Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return name.Length <= MaxPropertyNameLength ? name.ToString() : HashedPrefix + ContentHash.Of(key);
    }

    private static string PropertyValue(string value) => value.Length <= MaxValueLength ? value : "sha256:" + ContentHash.Of(value);
}
