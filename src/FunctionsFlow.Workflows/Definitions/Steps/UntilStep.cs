using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>until</c>: waits on a durable timer until a point in time (at once when it has passed).</summary>
public sealed record UntilStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Until;

    /// <summary>The time, an ISO 8601 date and time with an offset, or a template that gives one.</summary>
    public required Template Time { get; init; }
}
