using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reading the steps that hold other steps: if, switch, parallel and forEach.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly FrozenSet<string> SwitchMembers = FrozenSet.Create(StringComparer.Ordinal, "value", "cases", "default");

    private static readonly FrozenSet<string> CaseMembers = FrozenSet.Create(StringComparer.Ordinal, "when", "equals", "steps");

    private static readonly FrozenSet<string> ParallelMembers = FrozenSet.Create(StringComparer.Ordinal, "branches");

    private static readonly FrozenSet<string> BranchMembers = FrozenSet.Create(StringComparer.Ordinal, "id", "steps");

    private static readonly FrozenSet<string> ForEachMembers = FrozenSet.Create(StringComparer.Ordinal, "items", "as", "steps", "maxConcurrency");

    private IfStep? ReadIf(string id, Node step, Node spec)
    {
        var condition = ReadTemplate(spec);
        var then = step.Member("then", _map) is { } thenNode ? ReadSteps(thenNode) : [];
        var @else = step.Member("else", _map) is { } elseNode ? ReadSteps(elseNode) : [];
        if (step.Member("then", _map) is null && step.Member("else", _map) is null)
        {
            Error(step, "has an if but neither then nor else");
        }

        return condition is null ? null : new IfStep { Id = id, Condition = condition, Then = then, Else = @else };
    }

    private SwitchStep? ReadSwitch(string id, Node spec)
    {
        if (!ExpectObject(spec, "switch"))
        {
            return null;
        }

        CheckMembers(spec, SwitchMembers, "switch");
        var errors = _errors.Count;
        var value = spec.Member("value", _map) is { } valueNode ? ReadTemplate(valueNode) : null;
        var cases = Required(spec, "cases") is { } casesNode ? ReadList(casesNode, "cases", item => ReadCase(item, spec)) : [];
        var @default = spec.Member("default", _map) is { } defaultNode ? ReadSteps(defaultNode) : [];
        return _errors.Count > errors ? null : new SwitchStep { Id = id, Value = value, Cases = cases, Default = @default };
    }

    private SwitchCase? ReadCase(Node node, Node @switch)
    {
        if (!ExpectObject(node, "a case"))
        {
            return null;
        }

        CheckMembers(node, CaseMembers, "a case");
        var when = node.Member("when", _map) is { } whenNode ? ReadTemplate(whenNode) : null;
        var equalTo = node.Member("equals", _map) is { } equalsNode ? ReadValue(equalsNode) : null;
        var hasWhen = node.Member("when", _map) is not null;
        if (node.Member("equals", _map) is { } equals)
        {
            if (hasWhen)
            {
                Error(node, "has both when and equals: a case has one of them");
            }
            else if (@switch.Member("value", _map) is null)
            {
                Error(equals, "needs the switch's value to compare with");
            }
        }
        else if (!hasWhen)
        {
            Error(node, "needs when (a condition) or equals (a value to compare with the switch's value)");
        }

        var steps = Required(node, "steps") is { } stepsNode ? ReadSteps(stepsNode) : [];
        return new SwitchCase { When = when, EqualTo = equalTo, Steps = steps };
    }

    private ParallelStep? ReadParallel(string id, Node spec)
    {
        if (!ExpectObject(spec, "parallel"))
        {
            return null;
        }

        CheckMembers(spec, ParallelMembers, "parallel");
        var errors = _errors.Count;
        var branchIds = new HashSet<string>(StringComparer.Ordinal);
        var branches = Required(spec, "branches") is { } branchesNode ? ReadList(branchesNode, "branches", item => ReadBranch(item, branchIds)) : [];
        return _errors.Count > errors ? null : new ParallelStep { Id = id, Branches = branches };
    }

    private ParallelBranch? ReadBranch(Node node, HashSet<string> branchIds)
    {
        if (!ExpectObject(node, "a branch"))
        {
            return null;
        }

        CheckMembers(node, BranchMembers, "a branch");
        var branchId = node.Member("id", _map) is { } idNode ? ReadId(idNode) : null;
        if (branchId is not null && !branchIds.Add(branchId))
        {
            Error(node.Member("id", _map)!, $"'{branchId}' is already the id of another branch of this step");
        }

        var steps = Required(node, "steps") is { } stepsNode ? ReadSteps(stepsNode) : [];
        return new ParallelBranch { Id = branchId, Steps = steps };
    }

    private ForEachStep? ReadForEach(string id, Node spec)
    {
        if (!ExpectObject(spec, "forEach"))
        {
            return null;
        }

        CheckMembers(spec, ForEachMembers, "forEach");
        var errors = _errors.Count;
        var items = ReadTemplate(Required(spec, "items"));
        var variable = spec.Member("as", _map) is { } asNode ? ReadText(asNode) is { } name ? ReadVariableName(asNode, name) : null : ForEachStep.DefaultVariable;
        var maxConcurrency = spec.Member("maxConcurrency", _map) is { } concurrency
            ? ReadInteger(concurrency, 1, ForEachStep.MaxAllowedConcurrency)
            : ForEachStep.DefaultMaxConcurrency;
        var steps = Required(spec, "steps") is { } stepsNode ? ReadSteps(stepsNode, atLeastOne: true) : [];
        return _errors.Count > errors || items is null || variable is null || maxConcurrency is not { } max
            ? null
            : new ForEachStep { Id = id, Items = items, As = variable, MaxConcurrency = max, Steps = steps };
    }

    // A non-empty list whose items one reader turns into model parts.
    private ImmutableArray<T> ReadList<T>(Node node, string what, Func<Node, T?> read)
        where T : class
    {
        if (node.Value is not JsonArray array)
        {
            Error(node, $"{what} must be a list but was {JsonValues.Describe(node.Value)}");
            return [];
        }

        if (array.Count == 0)
        {
            Error(node, $"{what} must hold at least one item");
        }

        return Compact(node.Items(_map).Select(read));
    }
}
