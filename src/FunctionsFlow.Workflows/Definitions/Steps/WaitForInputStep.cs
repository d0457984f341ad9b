using System.Collections.Immutable;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>waitForInput</c>: suspends the run until a value arrives through its resume link (or an event of its
/// name); the value is the step's output.</summary>
public sealed record WaitForInputStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.WaitForInput;

    /// <summary>The name of the wait, shown to whoever resumes it and used as the event name.</summary>
    public required string Name { get; init; }

    /// <summary>How long to wait (<c>waitForInput.timeout</c>); null waits without end.</summary>
    public TimeSpan? WaitTimeout { get; init; }

    /// <summary>The schema the value must satisfy, when given.</summary>
    public DeclaredSchema? Schema { get; init; }

    /// <summary>The steps run instead when the wait times out (<c>onTimeout</c>); empty fails the step.</summary>
    public ImmutableArray<WorkflowStep> OnTimeout { get; init; } = [];

    /// <inheritdoc />
    public override IEnumerable<ImmutableArray<WorkflowStep>> NestedStepLists => [OnTimeout];
}
