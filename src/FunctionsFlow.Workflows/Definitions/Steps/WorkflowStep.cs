using System.Collections.Immutable;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary>One step of a workflow definition. Each kind of step is a sealed subclass; the set of kinds is closed.</summary>
/// <remarks>Record equality compares nested step lists and templates by reference; compare definitions with
/// <see cref="WorkflowDefinition.ToJson"/>.</remarks>
public abstract record WorkflowStep
{
    private protected WorkflowStep()
    {
    }

    /// <summary>The step's id, unique in its definition (nested steps included), such as <c>notify</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The step kind as written in a definition: <c>set</c>, <c>http</c>, <c>waitForInput</c>...</summary>
    public abstract string Kind { get; }

    /// <summary>The step's <c>retry</c>, when it has one.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>The step's <c>onError</c>; <see cref="ErrorHandling.Default"/> when none is written.</summary>
    public ErrorHandling OnError { get; init; } = ErrorHandling.Default;

    /// <summary>How long the step may take in all, retries included, when limited.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The lists of steps nested in this one (an if's <c>then</c> and <c>else</c>, a loop's body...), in
    /// document order; empty for a step that holds none.</summary>
    public virtual IEnumerable<ImmutableArray<WorkflowStep>> NestedStepLists => [];

    /// <summary>The kind and id, such as <c>http notify</c>.</summary>
    public sealed override string ToString() => $"{Kind} {Id}";
}
