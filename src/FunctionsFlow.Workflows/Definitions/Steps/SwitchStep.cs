using System.Collections.Immutable;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>switch</c>: runs the steps of the first case that matches, else the <c>default</c> steps.</summary>
public sealed record SwitchStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Switch;

    /// <summary>The value cases compare with <c>equals</c>; null when every case uses <c>when</c>.</summary>
    public Template? Value { get; init; }

    /// <summary>The cases, tried in order.</summary>
    public required ImmutableArray<SwitchCase> Cases { get; init; }

    /// <summary>The steps run when no case matches.</summary>
    public ImmutableArray<WorkflowStep> Default { get; init; } = [];

    /// <inheritdoc />
    public override IEnumerable<ImmutableArray<WorkflowStep>> NestedStepLists => [.. Cases.Select(@case => @case.Steps), Default];
}
