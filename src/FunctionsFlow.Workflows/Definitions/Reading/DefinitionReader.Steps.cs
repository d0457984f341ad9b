using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions.Steps;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reading steps: the parts every step has, and dispatch to the reader of its kind.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly FrozenSet<string> CommonMembers = FrozenSet.Create(StringComparer.Ordinal, "id", "retry", "onError", "timeout");

    private static readonly FrozenSet<string> Kinds = StepKinds.All.ToFrozenSet(StringComparer.Ordinal);

    // Members a kind takes beside its own key, such as an if's then and else.
    private static readonly FrozenDictionary<string, FrozenSet<string>> KindMembers = new Dictionary<string, FrozenSet<string>>
    {
        [StepKinds.Set] = FrozenSet.Create(StringComparer.Ordinal, "scope"),
        [StepKinds.WaitForInput] = FrozenSet.Create(StringComparer.Ordinal, "onTimeout"),
        [StepKinds.If] = FrozenSet.Create(StringComparer.Ordinal, "then", "else"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Recursion follows the nesting of step lists, which the document reader capped.
    private ImmutableArray<WorkflowStep> ReadSteps(Node node, bool atLeastOne = false)
    {
        if (node.Value is not JsonArray array)
        {
            Error(node, $"must be a list of steps but was {JsonValues.Describe(node.Value)}");
            return [];
        }

        if (atLeastOne && array.Count == 0)
        {
            Error(node, "must hold at least one step");
        }

        return Compact(node.Items(_map).Select(ReadStep));
    }

    private WorkflowStep? ReadStep(Node node)
    {
        if (++_stepCount == _maxSteps + 1)
        {
            Error(node, string.Create(CultureInfo.InvariantCulture, $"is one step too many: a definition holds at most {_maxSteps} steps"));
        }

        if (_stepCount > _maxSteps || !ExpectObject(node, "a step"))
        {
            return null;
        }

        var id = ReadId(Required(node, "id"));
        if (id is not null)
        {
            RegisterStepId(id, node.Member("id", _map)!);
        }

        var kind = ReadKind(node);
        var retry = node.Member("retry", _map) is { } retryNode ? ReadRetry(retryNode) : null;
        var onError = node.Member("onError", _map) is { } onErrorNode ? ReadOnError(onErrorNode, id) : ErrorHandling.Default;
        var timeout = ReadOptionalDuration(node, "timeout");
        var step = kind is null ? null : ReadKindOf(kind, id ?? string.Empty, node, node.Member(kind, _map)!);
        return id is null || step is null || onError is null ? null : step with { Retry = retry, OnError = onError, Timeout = timeout };
    }

    // The step's one kind; reports a step with none or with more than one.
    private string? ReadKind(Node node)
    {
        var kinds = node.Members(_map).Where(member => Kinds.Contains(member.Name)).Select(member => member.Name).ToList();
        var known = kinds.Count == 0
            ? CommonMembers
            : CommonMembers.Union(kinds).Union(kinds.SelectMany(kind => KindMembers.GetValueOrDefault(kind) ?? FrozenSet<string>.Empty));
        var unknown = node.Members(_map).Where(member => !known.Contains(member.Name)).ToList();
        foreach (var (name, member) in unknown)
        {
            Error(member, kinds.Count == 0
                ? $"'{name}' is not a step kind: the kinds are {string.Join(", ", StepKinds.All)}"
                : $"'{name}' is not a property of a {kinds[0]} step");
        }

        if (kinds.Count == 0 && unknown.Count == 0)
        {
            Error(node, $"has no kind: a step needs one of {string.Join(", ", StepKinds.All)}");
        }
        else if (kinds.Count > 1)
        {
            Error(node, $"has more than one kind ({string.Join(", ", kinds)}): a step has exactly one");
        }

        return kinds.Count > 0 ? kinds[0] : null;
    }

    private WorkflowStep? ReadKindOf(string kind, string id, Node step, Node spec) => kind switch
    {
        StepKinds.Set => ReadSet(id, step, spec),
        StepKinds.Http => ReadHttp(id, spec),
        StepKinds.WaitForInput => ReadWaitForInput(id, step, spec),
        StepKinds.Delay => ReadDuration(spec) is { } duration ? new DelayStep { Id = id, Duration = duration } : null,
        StepKinds.Until => ReadUntil(id, spec),
        StepKinds.If => ReadIf(id, step, spec),
        StepKinds.Switch => ReadSwitch(id, spec),
        StepKinds.Parallel => ReadParallel(id, spec),
        StepKinds.ForEach => ReadForEach(id, spec),
        StepKinds.Call => ReadCall(id, spec),
        StepKinds.Checkpoint => ReadCheckpoint(id, spec),
        StepKinds.Return => ReadValue(spec) is { } value ? new ReturnStep { Id = id, Value = value } : null,
        _ => ReadFail(id, spec),
    };
}
