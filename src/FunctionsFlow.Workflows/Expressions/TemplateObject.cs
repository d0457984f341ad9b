using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Expressions.Values;

namespace FunctionsFlow.Workflows.Expressions;

/// <summary>A JSON tree from a workflow definition (an http step's body, a <c>set</c> map) whose string leaves are
/// <see cref="Template"/>s; member names are taken as they are.</summary>
public sealed class TemplateObject
{
    private readonly Part _root;

    private TemplateObject(Part root)
    {
        _root = root;
        var templates = root.Templates().ToList();
        References = templates.SelectMany(template => template.References).ToImmutableSortedSet(StringComparer.Ordinal);
        IsConstant = templates.All(template => template.IsConstant);
    }

    /// <summary>The root paths the tree's templates read, sorted (see <see cref="Expression.References"/>).</summary>
    public IReadOnlySet<string> References { get; }

    /// <summary>True when no leaf holds an expression.</summary>
    public bool IsConstant { get; }

    /// <summary>Parses every string leaf of <paramref name="node"/> as a template, with the default limits.</summary>
    /// <exception cref="ExpressionException">A leaf is an invalid template (the message starts with its path, such as
    /// <c>$.text</c>), or the tree nests deeper than <see cref="ExpressionLimits.MaxValueDepth"/>.</exception>
    public static TemplateObject Parse(JsonNode? node) => Parse(node, ExpressionLimits.Default);

    /// <summary>Parses every string leaf of <paramref name="node"/> as a template within <paramref name="limits"/>.</summary>
    /// <exception cref="ExpressionException">A leaf is an invalid template or the tree nests too deeply.</exception>
    public static TemplateObject Parse(JsonNode? node, ExpressionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!JsonTree.TryMeasure(node, limits.MaxValueDepth, out _))
        {
            throw new ExpressionException(string.Create(
                CultureInfo.InvariantCulture, $"The value is nested more than {limits.MaxValueDepth} levels deep"));
        }

        return new TemplateObject(Part.Create(node, new StringBuilder("$"), limits));
    }

    /// <summary>Evaluates every template leaf of <paramref name="node"/> in one go, within the context's limits.</summary>
    /// <exception cref="ExpressionException">A leaf fails to parse or to evaluate; the message starts with its path.</exception>
    public static JsonNode? Evaluate(JsonNode? node, ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Parse(node, context.Limits).Evaluate(context);
    }

    /// <summary>A new tree like the parsed one with each template leaf replaced by its value.</summary>
    /// <exception cref="ExpressionException">A leaf fails to evaluate; the message starts with its path.</exception>
    public JsonNode? Evaluate(ExpressionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _root.Evaluate(context);
    }

    /// <summary>One node of the parsed tree. Recursion over it is bounded: the tree's depth was checked first.</summary>
    private abstract record Part
    {
        public static Part Create(JsonNode? node, StringBuilder path, ExpressionLimits limits) => node switch
        {
            JsonArray array => new ArrayPart([.. array.Select((item, i) => Within(path, p => JsonPathText.AppendIndex(p, i), item, limits))]),
            JsonObject obj => new ObjectPart([.. obj.Select(member => KeyValuePair.Create(
                member.Key, Within(path, p => JsonPathText.AppendMember(p, member.Key, allowHyphens: false), member.Value, limits)))]),
            _ when JsonValues.TryGetString(node, out var text) => new TemplatePart(path.ToString(), Located(path.ToString(), () => Template.Parse(text, limits))),
            _ => new ScalarPart(node?.DeepClone()),
        };

        public abstract JsonNode? Evaluate(ExpressionContext context);

        public virtual IEnumerable<Template> Templates() => [];

        // Adds one step to the path while the child is parsed.
        private static Part Within(StringBuilder path, Action<StringBuilder> step, JsonNode? node, ExpressionLimits limits)
        {
            var length = path.Length;
            step(path);
            var part = Create(node, path, limits);
            path.Length = length;
            return part;
        }

        // Prefixes an error from a leaf with the leaf's path; a lone string at the root needs none.
        protected static T Located<T>(string path, Func<T> action)
        {
            try
            {
                return action();
            }
            catch (ExpressionException ex) when (path != "$")
            {
                throw new ExpressionException($"{path}: {ex.Message}", ex.Expression, ex.Position, ex);
            }
        }
    }

    private sealed record ScalarPart(JsonNode? Value) : Part
    {
        public override JsonNode? Evaluate(ExpressionContext context) => Value?.DeepClone();
    }

    private sealed record TemplatePart(string Path, Template Template) : Part
    {
        public override JsonNode? Evaluate(ExpressionContext context) => Located(Path, () => Template.Evaluate(context));

        public override IEnumerable<Template> Templates() => [Template];
    }

    private sealed record ArrayPart(ImmutableArray<Part> Items) : Part
    {
        public override JsonNode? Evaluate(ExpressionContext context) => new JsonArray(Items.Select(item => item.Evaluate(context)).ToArray());

        public override IEnumerable<Template> Templates() => Items.SelectMany(item => item.Templates());
    }

    private sealed record ObjectPart(ImmutableArray<KeyValuePair<string, Part>> Members) : Part
    {
        public override JsonNode? Evaluate(ExpressionContext context) =>
            new JsonObject(Members.Select(member => KeyValuePair.Create(member.Key, member.Value.Evaluate(context))));

        public override IEnumerable<Template> Templates() => Members.SelectMany(member => member.Value.Templates());
    }
}
