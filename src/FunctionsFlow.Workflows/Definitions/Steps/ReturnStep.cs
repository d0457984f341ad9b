namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>return</c>: ends the run at once, successfully, with a value as its output.</summary>
public sealed record ReturnStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Return;

    /// <summary>The output (JSON null when written as null).</summary>
    public required TemplateValue Value { get; init; }
}
