namespace FunctionsFlow.Workflows.Repository;

/// <summary>What an owner (user) id may be: it is a table partition key and appears in blob metadata.</summary>
public static class OwnerIds
{
    /// <summary>The longest owner id.</summary>
    public const int MaxLength = 128;

    /// <summary>The rule, as said to a caller who broke it.</summary>
    public const string Rule = "An owner id is 1 to 128 ASCII letters, digits, '.', '_', '@' and '-'.";

    /// <summary>True when <paramref name="ownerId"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? ownerId) =>
        ownerId is { Length: > 0 and <= MaxLength } &&
        ownerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');
}
