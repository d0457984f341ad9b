using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>A document read into a JSON tree, where its values stand, and the problems met on the way.</summary>
internal sealed record DocumentReadResult(JsonNode? Root, SourceMap Map, IReadOnlyList<DefinitionError> Errors)
{
    /// <summary>A document that could not be read at all.</summary>
    public static DocumentReadResult Failed(IEnumerable<DefinitionError> earlier, DefinitionError fatal) =>
        new(null, new SourceMap(), [.. earlier, fatal]);
}
