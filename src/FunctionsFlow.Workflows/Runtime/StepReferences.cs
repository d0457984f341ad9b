using FunctionsFlow.Workflows.Definitions;
using FunctionsFlow.Workflows.Definitions.Steps;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>What a step's own expressions read (not those of the steps nested in it).</summary>
internal static class StepReferences
{
    private static readonly (string Name, VariableScope Kind)[] Scopes =
    [
        ("user", VariableScope.User),
        ("workflow", VariableScope.Workflow),
        ("session", VariableScope.Session),
        ("global", VariableScope.Global),
    ];

    /// <summary>The variable scopes the step reads through <c>scopes.&lt;scope&gt;</c> (all four for a bare <c>scopes</c>).</summary>
    public static IReadOnlyList<VariableScope> ScopesReadBy(WorkflowStep step)
    {
        var paths = Of(step).Where(p => p.StartsWith("scopes", StringComparison.Ordinal)).ToList();
        if (paths.Count == 0)
        {
            return [];
        }

        if (paths.Any(p => p == "scopes"))
        {
            return [.. Scopes.Select(s => s.Kind)];
        }

        return [.. Scopes.Where(s => paths.Any(p => p.StartsWith($"scopes.{s.Name}", StringComparison.Ordinal) || p.StartsWith($"scopes['{s.Name}']", StringComparison.Ordinal))).Select(s => s.Kind)];
    }

    /// <summary>Every root path the step's own templates read.</summary>
    public static IEnumerable<string> Of(WorkflowStep step)
    {
        IEnumerable<IReadOnlySet<string>> sets = step switch
        {
            SetStep set => set.Values.Select(v => v.Value.References),
            HttpStep http => [http.Url?.References ?? Empty, .. http.Headers.Select(h => h.Value.References), .. http.Query.Select(q => q.Value.References), http.Body?.References ?? Empty],
            UntilStep until => [until.Time.References],
            IfStep branch => [branch.Condition.References],
            SwitchStep choice => [choice.Value?.References ?? Empty, .. choice.Cases.Select(c => c.When?.References ?? Empty), .. choice.Cases.Select(c => c.EqualTo?.References ?? Empty)],
            ForEachStep loop => [loop.Items.References],
            CallStep call => [call.Input?.References ?? Empty],
            ReturnStep done => [done.Value.References],
            FailStep fail => [fail.Message.References],
            _ => [],
        };
        return sets.Append(step.OnError.Value?.References ?? Empty).SelectMany(s => s);
    }

    private static readonly IReadOnlySet<string> Empty = new HashSet<string>();
}
