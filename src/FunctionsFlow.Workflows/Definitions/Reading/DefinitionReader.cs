using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using FunctionsFlow.Workflows.Expressions.Values;
using FunctionsFlow.Workflows.Schema;

namespace FunctionsFlow.Workflows.Definitions.Reading;

/// <summary>Reads a document tree into a <see cref="WorkflowDefinition"/>, collecting every problem rather than
/// stopping at the first; references between steps are checked once every step id is known.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly FrozenSet<string> TopLevelMembers =
        FrozenSet.Create(StringComparer.Ordinal, "id", "name", "description", "input", "steps", "timeout");

    private static readonly FrozenSet<string> InputMembers = FrozenSet.Create(StringComparer.Ordinal, "schema");

    private readonly SourceMap _map;
    private readonly List<DefinitionError> _errors = [];
    private readonly Dictionary<string, Node> _stepIds = new(StringComparer.Ordinal);
    private readonly List<(Node Node, string StepId, bool InTree)> _stepReferences = [];
    private readonly List<(Node Node, string StepId, string OwnerId)> _alternatives = [];
    private readonly int _maxSteps;
    private string? _workflowId;
    private int _stepCount;

    private DefinitionReader(SourceMap map, int maxSteps)
    {
        _map = map;
        _maxSteps = maxSteps;
    }

    /// <summary>Reads the document; the definition is null when there are errors.</summary>
    public static WorkflowDefinition? Read(
        DocumentReadResult document, string source, SourceFormat format, int maxSteps, out List<DefinitionError> errors)
    {
        var reader = new DefinitionReader(document.Map, maxSteps);
        var root = new Node(document.Root, JsonPath.Root, document.Map.Root);
        var definition = reader.ReadDefinition(root, source, format);
        reader.CheckReferences();
        errors = reader._errors;
        return errors.Count == 0 ? definition : null;
    }

    private WorkflowDefinition? ReadDefinition(Node root, string source, SourceFormat format)
    {
        if (!ExpectObject(root, "a workflow definition"))
        {
            return null;
        }

        CheckMembers(root, TopLevelMembers, "a workflow definition");
        var id = ReadId(Required(root, "id"));
        _workflowId = id;
        var name = ReadText(Required(root, "name"));
        var description = root.Member("description", _map) is { } text ? ReadText(text) : null;
        var input = root.Member("input", _map) is { } inputNode ? ReadInput(inputNode) : null;
        var timeout = ReadOptionalDuration(root, "timeout");
        var steps = Required(root, "steps") is { } stepsNode ? ReadSteps(stepsNode, atLeastOne: true) : [];

        return id is null || name is null || _errors.Count > 0 ? null : new WorkflowDefinition(id, name, description, input, steps, timeout, source, format);
    }

    private DeclaredSchema? ReadInput(Node input)
    {
        if (!ExpectObject(input, "the input"))
        {
            return null;
        }

        CheckMembers(input, InputMembers, "the input");
        return input.Member("schema", _map) is { } schema ? ReadSchema(schema) : null;
    }

    // Each steps.<id> an expression reads, and each alternative target, must name a step of the definition.
    private void CheckReferences()
    {
        foreach (var (node, stepId, inTree) in _stepReferences.Where(reference => !_stepIds.ContainsKey(reference.StepId)))
        {
            if (!inTree)
            {
                UnknownStep(node, stepId);
                continue;
            }

            // A tree was parsed whole: find the strings in it that read the step, to report each where it is.
            ForEachTemplate(node, (leaf, template) =>
            {
                if (template.References.Any(reference => StepIdOf(reference) == stepId))
                {
                    UnknownStep(leaf, stepId);
                }
            });
        }

        foreach (var (node, stepId, ownerId) in _alternatives)
        {
            if (stepId == ownerId)
            {
                Error(node, "names the step itself: an alternative must be another step");
            }
            else if (!_stepIds.ContainsKey(stepId))
            {
                Error(node, $"names the step '{stepId}', which does not exist: the alternative could never run");
            }
        }
    }

    private void UnknownStep(Node node, string stepId)
    {
        var path = new StringBuilder("steps");
        JsonPathText.AppendMember(path, stepId, allowHyphens: true);
        Error(node, $"reads {path}, but no step has the id '{stepId}'");
    }

    private void RegisterStepId(string id, Node node)
    {
        if (_stepIds.TryGetValue(id, out var first))
        {
            Error(node, string.Create(
                CultureInfo.InvariantCulture, $"'{id}' is already the id of the step at {first.Path} (line {first.Location.Line}): step ids must be unique"));
            return;
        }

        _stepIds.Add(id, node);
    }

    private void Error(Node node, string message) => Error(node.Path.ToString(), node.Location, message);

    private void Error(string path, SourceLocation at, string message) => _errors.Add(new DefinitionError(path, at.Line, at.Column, message));

    private static ImmutableArray<T> Compact<T>(IEnumerable<T?> items)
        where T : class => [.. items.OfType<T>()];
}
