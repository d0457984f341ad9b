namespace FunctionsFlow.Storage;

/// <summary>Client-side checks of resource names, so a bad name fails fast with the rule instead of a bare 400.</summary>
internal static class StorageNames
{
    /// <summary>Checks a container or queue name: 3 to 63 lowercase letters, digits and single dashes, starting and
    /// ending with a letter or digit (both services share the rule).</summary>
    /// <exception cref="ArgumentException">The name breaks the rule.</exception>
    public static void ValidateContainerOrQueueName(string name, string kind, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length is < 3 or > 63 ||
            !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ||
            name[0] == '-' || name[^1] == '-' ||
            name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"A {kind} name has 3 to 63 lowercase letters, digits and single dashes, and starts and ends with a letter or digit; '{name}' does not.",
                paramName);
        }
    }
}
