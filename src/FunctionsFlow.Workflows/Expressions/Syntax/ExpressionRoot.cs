using System.Collections.Frozen;

namespace FunctionsFlow.Workflows.Expressions.Syntax;

/// <summary>The names an expression may start from.</summary>
internal enum ExpressionRoot
{
    Input,
    Vars,
    Scopes,
    Steps,
    Execution,
    Now,
}

/// <summary>The spelling of each root.</summary>
internal static class ExpressionRoots
{
    private static readonly FrozenDictionary<string, ExpressionRoot> ByName = Enum.GetValues<ExpressionRoot>()
        .ToFrozenDictionary(NameOf, StringComparer.Ordinal);

    /// <summary>The roots as an author reads them in a message: "input, vars, scopes, steps, execution or now".</summary>
    public static string List { get; } =
        string.Join(", ", Enum.GetValues<ExpressionRoot>()[..^1].Select(NameOf)) + " or " + NameOf(ExpressionRoot.Now);

    /// <summary>Finds the root spelled <paramref name="name"/>.</summary>
    public static bool TryParse(string name, out ExpressionRoot root) => ByName.TryGetValue(name, out root);

    /// <summary>How the root is spelled in an expression.</summary>
    public static string NameOf(ExpressionRoot root) => root switch
    {
        ExpressionRoot.Input => "input",
        ExpressionRoot.Vars => "vars",
        ExpressionRoot.Scopes => "scopes",
        ExpressionRoot.Steps => "steps",
        ExpressionRoot.Execution => "execution",
        _ => "now",
    };
}
