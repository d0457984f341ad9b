namespace FunctionsFlow.Durable.Entities;

/// <summary>Identifies an entity: its kind (<see cref="Name"/>) and its <see cref="Key"/>; written <c>name@key</c>.</summary>
public readonly record struct EntityInstanceId
{
    /// <summary>Creates an id; the name is case-insensitive (kept lower case).</summary>
    public EntityInstanceId(string name, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(key);
        if (name.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("An entity name must not contain '@'.", nameof(name));
        }

        Name = name.ToLowerInvariant();
        Key = key;
    }

    /// <summary>The entity kind.</summary>
    public string Name { get; }

    /// <summary>The entity key.</summary>
    public string Key { get; }

    /// <summary>The orchestration-instance id the entity lives under.</summary>
    public string InstanceId => $"@{Name}@{Key}";

    /// <inheritdoc />
    public override string ToString() => $"{Name}@{Key}";

    /// <summary>Parses <c>name@key</c>.</summary>
    public static EntityInstanceId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? throw new FormatException($"'{value}' is not an entity id (name@key).") : new EntityInstanceId(value[..at], value[(at + 1)..]);
    }

    /// <summary>True when an instance id belongs to an entity.</summary>
    public static bool IsEntityInstance(string instanceId) => instanceId.StartsWith('@');

    /// <summary>The entity id of an entity's instance id.</summary>
    public static EntityInstanceId FromInstanceId(string instanceId) => Parse(instanceId[1..]);
}
