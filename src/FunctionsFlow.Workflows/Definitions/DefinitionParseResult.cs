using System.Diagnostics.CodeAnalysis;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>What <see cref="WorkflowDefinitionParser.Parse(string, string?)"/> found: a definition, or every problem
/// that keeps the text from being one.</summary>
public sealed class DefinitionParseResult
{
    private DefinitionParseResult(WorkflowDefinition? definition, IReadOnlyList<DefinitionError> errors)
    {
        Definition = definition;
        Errors = errors;
    }

    /// <summary>The definition; null when there are errors.</summary>
    public WorkflowDefinition? Definition { get; }

    /// <summary>Every problem found, in source order; empty when the definition is valid.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>True when the text is a valid definition.</summary>
    [MemberNotNullWhen(true, nameof(Definition))]
    public bool Succeeded => Definition is not null;

    internal static DefinitionParseResult Success(WorkflowDefinition definition) => new(definition, []);

    internal static DefinitionParseResult Failure(IReadOnlyList<DefinitionError> errors) => new(null, errors);
}
