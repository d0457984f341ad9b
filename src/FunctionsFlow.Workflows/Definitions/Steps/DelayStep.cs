namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>delay</c>: waits for a fixed duration on a durable timer.</summary>
public sealed record DelayStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Delay;

    /// <summary>How long to wait.</summary>
    public required TimeSpan Duration { get; init; }
}
