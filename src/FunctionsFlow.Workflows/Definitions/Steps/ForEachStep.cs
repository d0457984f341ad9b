using System.Collections.Immutable;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>forEach</c>: runs its steps once per item of an array; the output is the array of each run's last output.</summary>
/// <remarks>Inside the loop the current item is read as <c>vars.&lt;as&gt;</c> and its 0-based position as
/// <c>vars.&lt;as&gt;Index</c>.</remarks>
public sealed record ForEachStep : WorkflowStep
{
    /// <summary>The loop variable's name when none is written.</summary>
    public const string DefaultVariable = "item";

    /// <summary>The most items run at once when none is written: one, in order.</summary>
    public const int DefaultMaxConcurrency = 1;

    /// <summary>The highest <c>maxConcurrency</c> a definition may ask for.</summary>
    public const int MaxAllowedConcurrency = 100;

    /// <inheritdoc />
    public override string Kind => StepKinds.ForEach;

    /// <summary>The array to loop over.</summary>
    public required Template Items { get; init; }

    /// <summary>The name of the loop variable (<c>as</c>).</summary>
    public string As { get; init; } = DefaultVariable;

    /// <summary>The steps run for each item.</summary>
    public ImmutableArray<WorkflowStep> Steps { get; init; } = [];

    /// <summary>How many items run at once at most.</summary>
    public int MaxConcurrency { get; init; } = DefaultMaxConcurrency;

    /// <inheritdoc />
    public override IEnumerable<ImmutableArray<WorkflowStep>> NestedStepLists => [Steps];
}
