using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FunctionsFlow.Workflows.Definitions.Steps;

namespace FunctionsFlow.Workflows.Definitions;

/// <summary>A parsed and validated workflow definition: immutable, safe to share between threads and runs.</summary>
/// <remarks>Made only by <see cref="WorkflowDefinitionParser"/>, so every instance has passed validation: step ids are
/// unique, every <c>steps.&lt;id&gt;</c> reference and <c>alternative</c> target names a step, every template parses.</remarks>
public sealed class WorkflowDefinition
{
    private readonly FrozenDictionary<string, WorkflowStep> _stepsById;

    internal WorkflowDefinition(
        string id, string name, string? description, DeclaredSchema? input, ImmutableArray<WorkflowStep> steps,
        TimeSpan? timeout, string source, SourceFormat format)
    {
        Id = id;
        Name = name;
        Description = description;
        Input = input;
        Steps = steps;
        Timeout = timeout;
        Source = source;
        Format = format;
        _stepsById = AllSteps(steps).ToFrozenDictionary(step => step.Id, StringComparer.Ordinal);
    }

    /// <summary>The workflow's id, such as <c>expense-approval</c>.</summary>
    public string Id { get; }

    /// <summary>Its display name.</summary>
    public string Name { get; }

    /// <summary>A description, when written.</summary>
    public string? Description { get; }

    /// <summary>The schema an execution's input must satisfy (<c>input.schema</c>), when given.</summary>
    public DeclaredSchema? Input { get; }

    /// <summary>The top-level steps, run in order.</summary>
    public ImmutableArray<WorkflowStep> Steps { get; }

    /// <summary>How long one execution may run in all, when limited.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The text the definition was parsed from, as written.</summary>
    public string Source { get; }

    /// <summary>The syntax of <see cref="Source"/>.</summary>
    public SourceFormat Format { get; }

    /// <summary>Every step, nested ones included, in document order (a step before the steps nested in it).</summary>
    public IEnumerable<WorkflowStep> AllSteps() => AllSteps(Steps);

    /// <summary>The step with <paramref name="id"/>, wherever it is nested.</summary>
    public bool TryGetStep(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out WorkflowStep? step) =>
        _stepsById.TryGetValue(id, out step);

    /// <summary>The definition in its normal JSON form: what was written, with durations and verbs spelled one way and
    /// defaults left out. Two definitions that mean the same give equal JSON whatever their syntax.</summary>
    public JsonObject ToJson() => DefinitionJsonWriter.Write(this);

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Name})";

    private static IEnumerable<WorkflowStep> AllSteps(ImmutableArray<WorkflowStep> steps)
    {
        var pending = new Stack<WorkflowStep>(Enumerable.Reverse(steps));
        while (pending.TryPop(out var step))
        {
            yield return step;
            foreach (var nested in Enumerable.Reverse(step.NestedStepLists.ToList()).SelectMany(list => Enumerable.Reverse(list)))
            {
                pending.Push(nested);
            }
        }
    }
}
