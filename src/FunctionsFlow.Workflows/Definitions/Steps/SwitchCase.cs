using System.Collections.Immutable;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions.Steps;

/// <summary>One case of a <see cref="SwitchStep"/>: either a condition (<c>when</c>) or a value the switch's value
/// must equal (<c>equals</c>), and the steps it runs.</summary>
public sealed record SwitchCase
{
    /// <summary>The condition, for a <c>when</c> case.</summary>
    public Template? When { get; init; }

    /// <summary>The value to compare with, for an <c>equals</c> case (compared as expressions compare with <c>==</c>).</summary>
    public TemplateValue? EqualTo { get; init; }

    /// <summary>The steps run when the case matches.</summary>
    public ImmutableArray<WorkflowStep> Steps { get; init; } = [];
}
