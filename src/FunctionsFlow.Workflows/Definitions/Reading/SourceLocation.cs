namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>A 1-based line and column in a definition's text.</summary>
internal readonly record struct SourceLocation(int Line, int Column);
