using System.Globalization;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>One problem in a workflow definition, at a JSON path such as <c>$.steps[2].http.url</c>, with the line and
/// column where it stands in the source text when known.</summary>
/// <param name="Path">Where the problem is: <c>$</c> for the document, <c>.name</c> for members, <c>['a b']</c> for
/// members whose name needs quoting, <c>[2]</c> for list items (the same form in YAML and JSON).</param>
/// <param name="Line">The 1-based line in the source, when known.</param>
/// <param name="Column">The 1-based column (in characters) in the source, when known.</param>
/// <param name="Message">What is wrong, written for the author, such as "is required".</param>
public sealed record DefinitionError(string Path, int? Line, int? Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"{Path} (line {line}, column {Column}): {Message}")
        : $"{Path}: {Message}";
}
