using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FunctionsFlow.Durable.Serialization;
using FunctionsFlow.Workflows.Expressions;
using FunctionsFlow.Workflows.Expressions.Values;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reading the plain values of a definition: names, ids, texts, numbers, durations, templates and schemas.</summary>
internal sealed partial class DefinitionReader
{
    private const string IdRule = "start with a letter, then up to 63 letters, digits, '_' or '-'";

    private bool ExpectObject(Node node, string what)
    {
        if (node.Value is JsonObject)
        {
            return true;
        }

        Error(node, $"{what} must be an object but was {JsonValues.Describe(node.Value)}");
        return false;
    }

    private void CheckMembers(Node node, FrozenSet<string> allowed, string what)
    {
        foreach (var (name, member) in node.Members(_map).Where(member => !allowed.Contains(member.Name)))
        {
            Error(member, $"'{name}' is not a property of {what}; it has {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
        }
    }

    private Node? Required(Node owner, string name)
    {
        if (owner.Member(name, _map) is { } member)
        {
            return member;
        }

        Error(owner with { Path = owner.Path.Member(name) }, "is required");
        return null;
    }

    private string? ReadText(Node? node)
    {
        if (node is not { } value)
        {
            return null;
        }

        if (JsonValues.TryGetString(value.Value, out var text) && text.Length > 0)
        {
            return text;
        }

        Error(value, value.Value is null || text.Length > 0 || JsonValues.KindOf(value.Value) != JsonValueKind.String
            ? $"must be a string but was {JsonValues.Describe(value.Value)}"
            : "must not be empty");
        return null;
    }

    /// <summary>An id (of a step, workflow, connection...): a letter, then up to 63 letters, digits, '_' or '-'.</summary>
    private string? ReadId(Node? node)
    {
        var text = ReadText(node);
        if (text is null || IdPattern().IsMatch(text))
        {
            return text;
        }

        Error(node!, $"'{Shorten(text)}' is not a valid id: {IdRule}");
        return null;
    }

    /// <summary>A variable name as expressions read it after <c>vars.</c>: a letter or '_', then letters, digits, '_' or inner '-'.</summary>
    private string? ReadVariableName(Node node, string name)
    {
        if (name.Length <= 64 && JsonPathText.IsPlainName(name, allowHyphens: true))
        {
            return name;
        }

        Error(node, $"'{Shorten(name)}' is not a valid variable name: start with a letter or '_', then up to 63 letters, digits, '_' or '-'");
        return null;
    }

    private int? ReadInteger(Node node, int min, int max)
    {
        if (node.Value is JsonValue value && value.GetValueKind() == JsonValueKind.Number &&
            value.TryGetValue<long>(out var number) && number >= min && number <= max)
        {
            return (int)number;
        }

        Error(node, string.Create(CultureInfo.InvariantCulture, $"must be a whole number from {min} to {max}"));
        return null;
    }

    private T? ReadEnum<T>(Node node)
        where T : struct, Enum
    {
        var names = Enum.GetValues<T>().Select(value => (Value: value, Name: CamelCase(value.ToString()))).ToList();
        if (JsonValues.TryGetString(node.Value, out var text) && names.FirstOrDefault(entry => entry.Name == text) is { Name: not null } match)
        {
            return match.Value;
        }

        var shown = node.Value is JsonValue && JsonValues.TryGetString(node.Value, out _) ? $"'{Shorten(text)}'" : JsonValues.Describe(node.Value);
        Error(node, $"{shown} is not one of {string.Join(", ", names.Select(entry => entry.Name))}");
        return null;
    }

    private TimeSpan? ReadOptionalDuration(Node owner, string name) =>
        owner.Member(name, _map) is { } node ? ReadDuration(node) : null;

    /// <summary>A positive ISO 8601 duration such as <c>PT10M</c> or <c>P3D</c>.</summary>
    private TimeSpan? ReadDuration(Node node)
    {
        if (!JsonValues.TryGetString(node.Value, out var text))
        {
            Error(node, $"must be an ISO 8601 duration such as PT10M or P3D but was {JsonValues.Describe(node.Value)}");
            return null;
        }

        if (!text.StartsWith('P') || !DurationJsonConverter.TryParse(text, out var duration))
        {
            Error(node, $"'{Shorten(text)}' is not an ISO 8601 duration such as PT10M or P3D");
            return null;
        }

        if (duration <= TimeSpan.Zero)
        {
            Error(node, $"'{text}' must be longer than zero");
            return null;
        }

        return duration;
    }

    /// <summary>A string that may hold <c>${ }</c> expressions.</summary>
    private Template? ReadTemplate(Node? node)
    {
        if (node is not { } value)
        {
            return null;
        }

        if (!JsonValues.TryGetString(value.Value, out var text))
        {
            Error(value, $"must be a string but was {JsonValues.Describe(value.Value)}");
            return null;
        }

        return ParseTemplate(value, text);
    }

    private Template? ParseTemplate(Node node, string text)
    {
        var template = TryParseTemplate(node, text);
        if (template is not null)
        {
            CollectReferences(node, template.References, inTree: false);
        }

        return template;
    }

    private Template? TryParseTemplate(Node node, string text)
    {
        try
        {
            return Template.Parse(text);
        }
        catch (ExpressionException ex)
        {
            Error(node, ex.Message);
            return null;
        }
    }

    /// <summary>Any JSON value whose strings are templates; each bad template is reported at its own path.</summary>
    /// <remarks>The tree is parsed once; only when that fails are its leaves parsed one by one to report each error.</remarks>
    private TemplateValue? ReadValue(Node node)
    {
        TemplateObject template;
        try
        {
            template = TemplateObject.Parse(node.Value);
        }
        catch (ExpressionException ex)
        {
            var errors = _errors.Count;
            ForEachTemplate(node, (leaf, template) => CollectReferences(leaf, template.References, inTree: false));
            if (_errors.Count == errors)
            {
                Error(node, ex.Message);
            }

            return null;
        }

        CollectReferences(node, template.References, inTree: true);
        return new TemplateValue(node.Value, template);
    }

    // Parses each string leaf of a tree: reports those that fail, hands the others to visit. Recursion follows the
    // value, whose depth the document reader capped.
    private void ForEachTemplate(Node node, Action<Node, Template> visit)
    {
        switch (node.Value)
        {
            case JsonObject:
                foreach (var (_, member) in node.Members(_map))
                {
                    ForEachTemplate(member, visit);
                }

                break;
            case JsonArray:
                foreach (var item in node.Items(_map))
                {
                    ForEachTemplate(item, visit);
                }

                break;
            default:
                if (JsonValues.TryGetString(node.Value, out var text) && TryParseTemplate(node, text) is { } template)
                {
                    visit(node, template);
                }

                break;
        }
    }

    private DeclaredSchema? ReadSchema(Node node)
    {
        if (JsonSchema.TryParse(node.Value, out var schema, out var errors))
        {
            return new DeclaredSchema(node.Value, schema);
        }

        var path = node.Path.ToString();
        foreach (var error in errors)
        {
            Error(path + error.Path[1..], Locate(node, error.Path).Location, error.Message);
        }

        return null;
    }

    // Follows a schema error's path (relative to the schema) as far as it goes, for the line to report.
    private Node Locate(Node schema, string relativePath)
    {
        var current = schema;
        foreach (var step in PathSteps.Parse(relativePath, "$") ?? [])
        {
            var next = step.Member is { } name ? current.Member(name, _map) : current.Items(_map).ElementAtOrDefault(step.Index);
            if (next is not { } found)
            {
                break;
            }

            current = found;
        }

        return current;
    }

    private void CollectReferences(Node node, IReadOnlySet<string> references, bool inTree)
    {
        foreach (var reference in references)
        {
            if (StepIdOf(reference) is { } stepId)
            {
                _stepReferences.Add((node, stepId, inTree));
            }
        }
    }

    // The step a reference such as steps.classify.output reads, if it reads one.
    private static string? StepIdOf(string reference) =>
        PathSteps.Parse(reference, "steps") is [{ Member: { } stepId }, ..] ? stepId : null;
    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
