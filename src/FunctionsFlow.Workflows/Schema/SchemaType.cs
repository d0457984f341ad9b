namespace FunctionsFlow.Workflows.Schema;

/// <summary>The values of the <c>type</c> keyword, combinable.</summary>
[Flags]
internal enum SchemaType
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Number = 8,
    Integer = 16,
    Boolean = 32,
    Null = 64,
}

/// <summary>How each type is spelled, described and matched.</summary>
internal static class SchemaTypes
{
    private static readonly (SchemaType Type, string Name, string Described)[] All =
    [
        (SchemaType.Object, "object", "an object"),
        (SchemaType.Array, "array", "an array"),
        (SchemaType.String, "string", "a string"),
        (SchemaType.Number, "number", "a number"),
        (SchemaType.Integer, "integer", "an integer"),
        (SchemaType.Boolean, "boolean", "a boolean"),
        (SchemaType.Null, "null", "null"),
    ];

    /// <summary>The type names, for messages.</summary>
    public static string Names { get; } = string.Join(", ", All.Select(entry => entry.Name));

    /// <summary>Finds the type spelled <paramref name="name"/>.</summary>
    public static bool TryParse(string name, out SchemaType type)
    {
        type = All.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.Ordinal)).Type;
        return type != SchemaType.None;
    }

    /// <summary>The types in words: "a number", "a string or null", "an object, an array or null".</summary>
    public static string Describe(SchemaType types)
    {
        var words = All.Where(entry => types.HasFlag(entry.Type)).Select(entry => entry.Described).ToList();
        return words.Count == 1 ? words[0] : string.Join(", ", words[..^1]) + " or " + words[^1];
    }
}
