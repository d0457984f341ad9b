using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>fail</c>: ends the run at once as failed, with a message and an optional code.</summary>
public sealed record FailStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Fail;

    /// <summary>The failure message.</summary>
    public required Template Message { get; init; }

    /// <summary>A short machine-readable code, such as <c>amount-too-large</c>, when given.</summary>
    public string? Code { get; init; }
}
