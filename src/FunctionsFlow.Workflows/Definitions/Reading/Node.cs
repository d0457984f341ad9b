using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>A value of the document being read, with its path and where it was written.</summary>
internal sealed record Node(JsonNode? Value, JsonPath Path, SourceLocation Location)
{
    /// <summary>The member <paramref name="name"/> of this object, or null when there is none.</summary>
    public Node? Member(string name, SourceMap map) =>
        Value is JsonObject obj && obj.TryGetPropertyValue(name, out var value)
            ? new Node(value, Path.Member(name), map.OfMember(obj, name) ?? Location)
            : null;

    /// <summary>Every member of this object, in the order written.</summary>
    public IEnumerable<(string Name, Node Node)> Members(SourceMap map) => Value is JsonObject obj
        ? obj.Select(member => (member.Key, new Node(member.Value, Path.Member(member.Key), map.OfMember(obj, member.Key) ?? Location)))
        : [];

    /// <summary>Every item of this array, in order.</summary>
    public IEnumerable<Node> Items(SourceMap map) => Value is JsonArray array
        ? array.Select((item, index) => new Node(item, Path.Item(index), map.OfItem(array, index) ?? Location))
        : [];
}
