using System.Globalization;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Builds a <see cref="JsonNode"/> tree from a stream of parse events (YAML or JSON) without recursion,
/// recording where each value was written and refusing duplicate keys and excessive nesting.</summary>
internal sealed class DocumentBuilder
{
    private readonly Stack<Frame> _frames = new();
    private readonly int _maxDepth;
    private bool _hasRoot;

    public DocumentBuilder(int maxDepth) => _maxDepth = maxDepth;

    /// <summary>The root value once the document is complete.</summary>
    public JsonNode? Root { get; private set; }

    /// <summary>Where the values were written.</summary>
    public SourceMap Map { get; } = new();

    /// <summary>Problems that do not stop the reading (duplicate keys).</summary>
    public List<DefinitionError> Errors { get; } = [];

    /// <summary>True when the next value is a mapping key.</summary>
    public bool ExpectsKey => _frames.TryPeek(out var frame) && frame.Container is JsonObject && frame.Key is null;

    /// <summary>Starts an object; false, with an error, when it nests too deeply.</summary>
    public bool StartObject(SourceLocation at, out DefinitionError? error) => Start(new JsonObject(), at, out error);

    /// <summary>Starts an array; false, with an error, when it nests too deeply.</summary>
    public bool StartArray(SourceLocation at, out DefinitionError? error) => Start(new JsonArray(), at, out error);

    /// <summary>Ends the innermost object or array.</summary>
    public void End() => _frames.Pop();

    /// <summary>Sets the key of the next member of the innermost object.</summary>
    public void Key(string name, SourceLocation at)
    {
        var frame = _frames.Peek();
        var obj = (JsonObject)frame.Container;
        frame.Key = name;
        frame.KeyLocation = at;
        if (obj.ContainsKey(name))
        {
            frame.Skip = true;
            Errors.Add(Error(frame.Path.Member(name), at, "is a duplicate key: each key may appear once in a mapping"));
        }
    }

    /// <summary>Adds a scalar value (or null) where the document is.</summary>
    public void Value(JsonNode? value, SourceLocation at) => Attach(value, at);

    /// <summary>An error at <paramref name="path"/> and <paramref name="at"/>.</summary>
    public static DefinitionError Error(JsonPath path, SourceLocation at, string message) =>
        new(path.ToString(), at.Line, at.Column, message);

    /// <summary>The path of the value that would be added next.</summary>
    public JsonPath NextPath() => _frames.TryPeek(out var frame)
        ? frame.Container is JsonArray array ? frame.Path.Item(array.Count) : frame.Key is { } key ? frame.Path.Member(key) : frame.Path
        : JsonPath.Root;

    private bool Start(JsonNode container, SourceLocation at, out DefinitionError? error)
    {
        var path = NextPath();
        if (_frames.Count >= _maxDepth)
        {
            error = Error(path, at, string.Create(CultureInfo.InvariantCulture, $"is nested more than {_maxDepth} levels deep"));
            return false;
        }

        Attach(container, at);
        _frames.Push(new Frame(container, path));
        error = null;
        return true;
    }

    private void Attach(JsonNode? value, SourceLocation at)
    {
        if (!_frames.TryPeek(out var frame))
        {
            if (!_hasRoot)
            {
                Root = value;
                Map.Root = at;
                _hasRoot = true;
            }

            return;
        }

        if (frame.Container is JsonArray array)
        {
            Map.AddItem(array, array.Count, at);
            array.Add(value);
            return;
        }

        var obj = (JsonObject)frame.Container;
        if (!frame.Skip)
        {
            obj[frame.Key!] = value;
            Map.AddMember(obj, frame.Key!, frame.KeyLocation);
        }

        frame.Key = null;
        frame.Skip = false;
    }

    /// <summary>An open object or array, with the key of the member being read.</summary>
    private sealed class Frame(JsonNode container, JsonPath path)
    {
        public JsonNode Container { get; } = container;

        public JsonPath Path { get; } = path;

        public string? Key { get; set; }

        public SourceLocation KeyLocation { get; set; }

        public bool Skip { get; set; }
    }
}
