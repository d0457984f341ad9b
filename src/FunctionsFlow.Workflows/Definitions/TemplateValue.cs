using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A JSON value from a definition whose strings may hold <c>${ }</c> templates (a <c>set</c> value, an http
/// body, a <c>return</c> value), parsed once and kept with the JSON it was written as.</summary>
public sealed class TemplateValue
{
    private readonly JsonSnapshot _written;

    internal TemplateValue(JsonNode? value, TemplateObject template)
    {
        _written = JsonSnapshot.Of(value);
        Template = template;
    }

    /// <summary>The parsed value, ready to evaluate.</summary>
    public TemplateObject Template { get; }

    /// <summary>The root paths the value's templates read (see <see cref="Expression.References"/>).</summary>
    public IReadOnlySet<string> References => Template.References;

    /// <summary>A new copy of the value as written, templates unevaluated.</summary>
    public JsonNode? ToJsonNode() => _written.ToNode();

    /// <summary>The value with every template replaced by its result.</summary>
    /// <exception cref="ExpressionException">A template fails to evaluate; the message starts with its path.</exception>
    public JsonNode? Evaluate(ExpressionContext context) => Template.Evaluate(context);

    /// <summary>The value as compact JSON.</summary>
    public override string ToString() => _written.Json;
}
