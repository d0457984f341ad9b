using System.Collections.Immutable;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary>One branch of a <see cref="ParallelStep"/>.</summary>
public sealed record ParallelBranch
{
    /// <summary>The branch's id, unique within its step, when named.</summary>
    public string? Id { get; init; }

    /// <summary>The steps the branch runs in order.</summary>
    public ImmutableArray<WorkflowStep> Steps { get; init; } = [];
}
