namespace FunctionsFlow.Workflows;

/// <summary>What a workflow id may be: it appears in routes, table keys and entity keys.</summary>
public static class WorkflowIds
{
    /// <summary>The longest workflow id.</summary>
    public const int MaxLength = 64;

    /// <summary>The rule, as said to a caller who broke it.</summary>
    public const string Rule = "A workflow id is 1 to 64 ASCII letters, digits, '-', '_' and '.', starting with a letter or a digit.";

    /// <summary>True when <paramref name="workflowId"/> follows <see cref="Rule"/>.</summary>
    public static bool IsValid(string? workflowId) =>
        workflowId is { Length: > 0 and <= MaxLength } &&
        char.IsAsciiLetterOrDigit(workflowId[0]) &&
        workflowId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}
