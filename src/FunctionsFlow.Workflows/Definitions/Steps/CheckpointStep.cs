namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>checkpoint</c>: saves the run's state so it can be restarted from here.</summary>
public sealed record CheckpointStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Checkpoint;

    /// <summary>A name for the checkpoint, when given.</summary>
    public string? Name { get; init; }
}
