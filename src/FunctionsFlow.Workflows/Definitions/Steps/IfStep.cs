using System.Collections.Immutable;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>if</c>: runs <c>then</c> when the condition is truthy, else <c>else</c>.</summary>
public sealed record IfStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.If;

    /// <summary>The condition; null, false, 0 and "" are false.</summary>
    public required Template Condition { get; init; }

    /// <summary>The steps run when the condition holds.</summary>
    public ImmutableArray<WorkflowStep> Then { get; init; } = [];

    /// <summary>The steps run when it does not.</summary>
    public ImmutableArray<WorkflowStep> Else { get; init; } = [];

    /// <inheritdoc />
    public override IEnumerable<ImmutableArray<WorkflowStep>> NestedStepLists => [Then, Else];
}
