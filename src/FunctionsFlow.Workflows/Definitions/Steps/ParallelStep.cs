using System.Collections.Immutable;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>parallel</c>: runs every branch at once and goes on when all have finished; the output holds each
/// branch's last output, by branch id (or position).</summary>
public sealed record ParallelStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Parallel;

    /// <summary>The branches, in the order written.</summary>
    public required ImmutableArray<ParallelBranch> Branches { get; init; }

    /// <inheritdoc />
    public override IEnumerable<ImmutableArray<WorkflowStep>> NestedStepLists => Branches.Select(branch => branch.Steps);
}
