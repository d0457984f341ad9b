namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>call</c>: runs the latest published version of another workflow as a sub-orchestration; its output
/// is the step's output.</summary>
public sealed record CallStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Call;

    /// <summary>The id of the workflow to run.</summary>
    public required string WorkflowId { get; init; }

    /// <summary>The input to start it with, when given.</summary>
    public TemplateValue? Input { get; init; }
}
