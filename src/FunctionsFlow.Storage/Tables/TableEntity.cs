using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure;

namespace FunctionsFlow.Storage.Tables;

/// <summary>A row of a table: its two keys, the service's ETag and Timestamp, and typed properties.</summary>
/// <remarks>Property values are <see cref="string"/>, <see cref="bool"/>, <see cref="int"/>, <see cref="long"/>,
/// <see cref="double"/>, <see cref="DateTimeOffset"/> (a <see cref="DateTime"/> is accepted and stored as UTC;
/// an unspecified kind counts as UTC), <see cref="Guid"/> or <see cref="byte"/> arrays. Setting a property to
/// null removes it. Property names are case-sensitive. Enumerating an entity yields its properties, not its keys.</remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "An entity is a row, not a collection.")]
public sealed class TableEntity : IEnumerable<KeyValuePair<string, object>>
{
    /// <summary>The longest key the service accepts: 1 KiB of UTF-16.</summary>
    public const int MaxKeyLength = 512;

    private const int MaxPropertyNameLength = 255;

    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    /// <summary>Creates an entity with its keys.</summary>
    /// <exception cref="ArgumentException">A key is longer than 1 KiB or holds '/', '\', '#', '?' or a control character.</exception>
    public TableEntity(string partitionKey, string rowKey)
    {
        ValidateKey(partitionKey, nameof(partitionKey));
        ValidateKey(rowKey, nameof(rowKey));
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>The partition key: entities of one partition can be written together in a transaction.</summary>
    public string PartitionKey { get; }

    /// <summary>The row key, unique within the partition.</summary>
    public string RowKey { get; }

    /// <summary>The version the service gave the entity when it was read; default for an entity not read.</summary>
    public ETag ETag { get; set; }

    /// <summary>When the service last changed the entity, as it was read; never written.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    /// <summary>The number of properties besides the keys.</summary>
    public int Count => _properties.Count;

    /// <summary>A property's value, or null when the entity has none of that name; null removes it.</summary>
    /// <exception cref="ArgumentException">The name is reserved or empty, or the value's type is not supported.</exception>
    public object? this[string name]
    {
        get => _properties.GetValueOrDefault(name);
        set
        {
            ValidatePropertyName(name);
            if (value is null)
            {
                _properties.Remove(name);
            }
            else
            {
                _properties[name] = Normalize(name, value);
            }
        }
    }

    /// <summary>Gets a property's value.</summary>
    public bool TryGetValue(string name, [NotNullWhen(true)] out object? value) => _properties.TryGetValue(name, out value);

    /// <summary>Removes a property; false when there was none.</summary>
    public bool Remove(string name) => _properties.Remove(name);

    /// <summary>A string property, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public string? GetString(string name) => GetObject<string>(name);

    /// <summary>A Boolean property, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public bool? GetBoolean(string name) => GetValue<bool>(name);

    /// <summary>A 32-bit integer property, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public int? GetInt32(string name) => GetValue<int>(name);

    /// <summary>A 64-bit integer property (a 32-bit one widens), or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public long? GetInt64(string name) => Find(name) switch
    {
        int i => i,
        var other => GetValue<long>(name, other),
    };

    /// <summary>A double property (an integer one widens, as other writers may store 2.0 as 2), or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public double? GetDouble(string name) => Find(name) switch
    {
        int i => i,
        long l => l,
        var other => GetValue<double>(name, other),
    };

    /// <summary>A date and time property, in UTC, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public DateTimeOffset? GetDateTimeOffset(string name) => GetValue<DateTimeOffset>(name);

    /// <summary>A GUID property, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public Guid? GetGuid(string name) => GetValue<Guid>(name);

    /// <summary>A binary property, or null when absent.</summary>
    /// <exception cref="InvalidOperationException">The property holds another type.</exception>
    public byte[]? GetBinary(string name) => GetObject<byte[]>(name);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Throws when a key cannot be stored by the service.</summary>
    internal static void ValidateKey(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{parameterName} is {key.Length} characters long; the Table service allows {MaxKeyLength} (1 KiB)."),
                parameterName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException(
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{parameterName} contains U+{(int)c:X4}; keys cannot hold '/', '\\', '#', '?' or control characters."),
                    parameterName);
            }
        }
    }

    private object? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _properties.GetValueOrDefault(name);
    }

    private T? GetValue<T>(string name)
        where T : struct => GetValue<T>(name, Find(name));

    private static T? GetValue<T>(string name, object? value)
        where T : struct => value switch
        {
            null => null,
            T typed => typed,
            _ => throw Mismatch(name, value, typeof(T)),
        };

    private T? GetObject<T>(string name)
        where T : class => Find(name) switch
        {
            null => null,
            T typed => typed,
            var other => throw Mismatch(name, other, typeof(T)),
        };

    private static void ValidatePropertyName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name is "PartitionKey" or "RowKey" or "Timestamp" ||
            name.StartsWith("odata.", StringComparison.Ordinal) || name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{name}' is reserved by the Table service and cannot be a property.", nameof(name));
        }

        if (name.Length > MaxPropertyNameLength)
        {
            throw new ArgumentException($"A property name is limited to {MaxPropertyNameLength} characters.", nameof(name));
        }
    }

    private static object Normalize(string name, object value) => value switch
    {
        string or bool or int or long or double or Guid or byte[] => value,
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime { Kind: DateTimeKind.Local } d => new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc), TimeSpan.Zero),
        _ => throw new ArgumentException(
            $"Property '{name}' has type {value.GetType().Name}, which a table entity cannot hold.", nameof(value)),
    };

    private static InvalidOperationException Mismatch(string name, object value, Type expected) =>
        new($"Property '{name}' holds a {value.GetType().Name}, not a {expected.Name}.");
}
