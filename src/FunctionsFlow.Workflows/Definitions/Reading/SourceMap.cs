using System.Text.Json.Nodes;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Where each value of a parsed document was written: a member by its key, an item by its start.</summary>
/// <remarks>Keyed by the parent container's identity and the member name or index, so lookups cost nothing to build
/// even for long paths, and JSON nulls (which have no node) have a place too.</remarks>
internal sealed class SourceMap
{
    private readonly Dictionary<(JsonNode Parent, string? Member, int Index), SourceLocation> _locations = [];

    /// <summary>Where the document's root value starts.</summary>
    public SourceLocation Root { get; set; } = new(1, 1);

    /// <summary>Records where a member's key stands.</summary>
    public void AddMember(JsonObject parent, string name, SourceLocation location) => _locations[(parent, name, -1)] = location;

    /// <summary>Records where an item starts.</summary>
    public void AddItem(JsonArray parent, int index, SourceLocation location) => _locations[(parent, null, index)] = location;

    /// <summary>Where a member's key stands, when known.</summary>
    public SourceLocation? OfMember(JsonObject parent, string name) =>
        _locations.TryGetValue((parent, name, -1), out var location) ? location : null;

    /// <summary>Where an item starts, when known.</summary>
    public SourceLocation? OfItem(JsonArray parent, int index) =>
        _locations.TryGetValue((parent, null, index), out var location) ? location : null;
}
