using System.Collections.Frozen;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reading a step's <c>retry</c> and <c>onError</c>.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly FrozenSet<string> RetryMembers =
        FrozenSet.Create(StringComparer.Ordinal, "maxAttempts", "backoff", "initialDelay", "maxDelay");

    private static readonly FrozenSet<string> OnErrorMembers = FrozenSet.Create(StringComparer.Ordinal, "strategy", "value", "step", "notify");

    private RetryPolicy? ReadRetry(Node node)
    {
        if (!ExpectObject(node, "retry"))
        {
            return null;
        }

        CheckMembers(node, RetryMembers, "retry");
        var maxAttempts = Required(node, "maxAttempts") is { } attempts ? ReadInteger(attempts, 1, RetryPolicy.MaxAllowedAttempts) : null;
        var backoff = node.Member("backoff", _map) is { } backoffNode ? ReadEnum<BackoffKind>(backoffNode) : RetryPolicy.DefaultBackoff;
        var initialDelay = node.Member("initialDelay", _map) is { } initial ? ReadDuration(initial) : RetryPolicy.DefaultInitialDelay;
        var maxDelay = ReadOptionalDuration(node, "maxDelay");
        if (maxDelay < initialDelay)
        {
            Error(node.Member("maxDelay", _map)!, "must not be shorter than initialDelay");
            return null;
        }

        return maxAttempts is { } max && backoff is { } kind && initialDelay is { } delay
            ? new RetryPolicy(max, kind, delay, maxDelay)
            : null;
    }

    private ErrorHandling? ReadOnError(Node node, string? stepId)
    {
        if (!ExpectObject(node, "onError"))
        {
            return null;
        }

        CheckMembers(node, OnErrorMembers, "onError");
        var strategy = Required(node, "strategy") is { } strategyNode ? ReadEnum<ErrorStrategy>(strategyNode) : null;
        if (strategy is not { } chosen)
        {
            return null;
        }

        var errors = _errors.Count;
        var value = Expect(node, "value", chosen == ErrorStrategy.UseDefault, chosen) is { } valueNode ? ReadValue(valueNode) : null;
        var alternative = Expect(node, "step", chosen == ErrorStrategy.Alternative, chosen) is { } stepNode ? ReadId(stepNode) : null;
        if (alternative is not null)
        {
            _alternatives.Add((node.Member("step", _map)!, alternative, stepId ?? string.Empty));
        }

        var notify = Expect(node, "notify", required: false, chosen, allowed: chosen == ErrorStrategy.NotifyAndContinue) is { } notifyNode
            ? ReadId(notifyNode)
            : null;
        return _errors.Count > errors
            ? null
            : new ErrorHandling { Strategy = chosen, Value = value, AlternativeStepId = alternative, Notify = notify };
    }

    // A member that one strategy needs and the others must leave out.
    private Node? Expect(Node onError, string name, bool required, ErrorStrategy strategy, bool? allowed = null)
    {
        var member = onError.Member(name, _map);
        if (member is { } present && !(allowed ?? required))
        {
            Error(present, $"does not apply to the strategy {CamelCase(strategy.ToString())}");
            return null;
        }

        if (member is null && required)
        {
            Error(onError with { Path = onError.Path.Member(name) }, $"is required by the strategy {CamelCase(strategy.ToString())}");
        }

        return member;
    }
}
