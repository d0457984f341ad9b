namespace FunctionsFlow.Durable.Client;

/// <summary>What an instance id may be: it is a table key and part of blob names.</summary>
public static class InstanceIds
{
    /// <summary>The longest instance id.</summary>
    public const int MaxLength = 100;

    /// <summary>Null when <paramref name="instanceId"/> is usable, else why not.</summary>
    public static string? Validate(string? instanceId)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return "An instance id must not be empty.";
        }

        if (instanceId.Length > MaxLength)
        {
            return $"An instance id must be at most {MaxLength} characters.";
        }

        foreach (var c in instanceId)
        {
            if (char.IsControl(c) || c is '/' or '\\' or '#' or '?' or '~')
            {
                return "An instance id must not contain control characters or any of / \\ # ? ~.";
            }
        }

        return null;
    }
}
