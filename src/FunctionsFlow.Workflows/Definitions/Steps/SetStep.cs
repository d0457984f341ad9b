using System.Collections.Immutable;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary><c>set</c>: evaluates values and stores each under its name, in the run's variables or a scope.</summary>
public sealed record SetStep : WorkflowStep
{
    /// <inheritdoc />
    public override string Kind => StepKinds.Set;

    /// <summary>The names and values to store, in the order written.</summary>
    public required ImmutableArray<KeyValuePair<string, TemplateValue>> Values { get; init; }

    /// <summary>Where the values go (<c>scope</c>); <see cref="VariableScope.Run"/> by default.</summary>
    public VariableScope Scope { get; init; } = VariableScope.Run;
}
