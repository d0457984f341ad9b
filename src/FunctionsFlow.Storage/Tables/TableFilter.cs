using System.Globalization;
using System.Text;

namespace FunctionsFlow.Storage.Tables;

/// <summary>Builds OData <c>$filter</c> text with literals quoted and escaped, so values never change the query's shape.</summary>
/// <remarks>The Table service compares only values of the same type: an Int64 property matches a <see cref="long"/>
/// literal (<c>5L</c>), never an <see cref="int"/> one.</remarks>
public static class TableFilter
{
    /// <summary><c>PartitionKey eq 'value'</c>.</summary>
    public static string PartitionKeyEquals(string partitionKey) => Equal("PartitionKey", partitionKey);

    /// <summary>Row keys that start with <paramref name="prefix"/>, as a range (<c>ge prefix and lt</c> the next prefix).</summary>
    public static string RowKeyStartsWith(string prefix) => StartsWith("RowKey", prefix);

    /// <summary>String values that start with <paramref name="prefix"/>, as a range the service can serve from its index.</summary>
    public static string StartsWith(string property, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var lower = Compare(property, TableComparison.GreaterThanOrEqual, prefix);
        var end = prefix.TrimEnd(char.MaxValue);
        if (end.Length == 0)
        {
            return lower;
        }

        var upper = string.Concat(end.AsSpan(0, end.Length - 1), ((char)(end[^1] + 1)).ToString());
        return lower + " and " + Compare(property, TableComparison.LessThan, upper);
    }

    /// <summary><c>property eq 'value'</c>, with single quotes doubled.</summary>
    public static string Equal(string property, string value) => Compare(property, TableComparison.Equal, value);

    /// <summary><c>property eq value</c> for an Int32 property.</summary>
    public static string Equal(string property, int value) => Compare(property, TableComparison.Equal, value);

    /// <summary><c>property eq valueL</c> for an Int64 property.</summary>
    public static string Equal(string property, long value) => Compare(property, TableComparison.Equal, value);

    /// <summary><c>property eq true|false</c>.</summary>
    public static string Equal(string property, bool value) => Build(property, TableComparison.Equal, value ? "true" : "false");

    /// <summary><c>property eq guid'…'</c>.</summary>
    public static string Equal(string property, Guid value) => Build(property, TableComparison.Equal, "guid'" + value.ToString("D") + "'");

    /// <summary><c>property eq datetime'…'</c>, in UTC.</summary>
    public static string Equal(string property, DateTimeOffset value) => Compare(property, TableComparison.Equal, value);

    /// <summary>Compares a string property with a quoted, escaped literal.</summary>
    public static string Compare(string property, TableComparison comparison, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Build(property, comparison, "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'");
    }

    /// <summary>Compares an Int32 property.</summary>
    public static string Compare(string property, TableComparison comparison, int value) =>
        Build(property, comparison, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Compares an Int64 property (the literal carries the <c>L</c> suffix).</summary>
    public static string Compare(string property, TableComparison comparison, long value) =>
        Build(property, comparison, value.ToString(CultureInfo.InvariantCulture) + "L");

    /// <summary>Compares a DateTime property (<c>datetime'yyyy-MM-ddTHH:mm:ss.fffffffZ'</c>).</summary>
    public static string Compare(string property, TableComparison comparison, DateTimeOffset value) =>
        Build(property, comparison, "datetime'" + TableEntityJson.FormatDateTime(value) + "'");

    /// <summary>Joins filters with <c>and</c>, each in parentheses.</summary>
    public static string And(params ReadOnlySpan<string> filters) => Join(" and ", filters);

    /// <summary>Joins filters with <c>or</c>, each in parentheses.</summary>
    public static string Or(params ReadOnlySpan<string> filters) => Join(" or ", filters);

    private static string Join(string separator, ReadOnlySpan<string> filters)
    {
        if (filters.IsEmpty)
        {
            throw new ArgumentException("At least one filter is needed.", nameof(filters));
        }

        var text = new StringBuilder();
        foreach (var filter in filters)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(filter, nameof(filters));
            text.Append(text.Length == 0 ? "(" : separator + "(").Append(filter).Append(')');
        }

        return text.ToString();
    }

    private static string Build(string property, TableComparison comparison, string literal)
    {
        ArgumentException.ThrowIfNullOrEmpty(property);
        foreach (var c in property)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                throw new ArgumentException($"'{property}' is not a property name: use letters, digits and underscores.", nameof(property));
            }
        }

        var op = comparison switch
        {
            TableComparison.Equal => "eq",
            TableComparison.NotEqual => "ne",
            TableComparison.GreaterThan => "gt",
            TableComparison.GreaterThanOrEqual => "ge",
            TableComparison.LessThan => "lt",
            TableComparison.LessThanOrEqual => "le",
            _ => throw new ArgumentOutOfRangeException(nameof(comparison)),
        };
        return property + " " + op + " " + literal;
    }
}
