using System.Text;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Schema;

/// <summary>An immutable path into a JSON value, built a step at a time and written out only when an error needs it.</summary>
internal sealed class JsonPath
{
    private readonly JsonPath? _parent;
    private readonly string? _member;
    private readonly int _index;

    private JsonPath(JsonPath? parent, string? member, int index)
    {
        _parent = parent;
        _member = member;
        _index = index;
    }

    /// <summary>The root, <c>$</c>.</summary>
    public static JsonPath Root { get; } = new(null, null, -1);

    /// <summary>The path of a member of the value here.</summary>
    public JsonPath Member(string name) => new(this, name, -1);

    /// <summary>The path of an item of the array here.</summary>
    public JsonPath Item(int index) => new(this, null, index);

    /// <inheritdoc />
    public override string ToString()
    {
        var steps = new Stack<JsonPath>();
        for (var step = this; step._parent is not null; step = step._parent)
        {
            steps.Push(step);
        }

        var text = new StringBuilder("$");
        foreach (var step in steps)
        {
            if (step._member is not null)
            {
                JsonPathText.AppendMember(text, step._member, allowHyphens: false);
            }
            else
            {
                JsonPathText.AppendIndex(text, step._index);
            }
        }

        return text.ToString();
    }
}
