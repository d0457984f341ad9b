using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Workflows.Definitions;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>The one orchestrator that runs every declarative workflow: it interprets the pinned version's
/// definition, deterministically, so it replays like any orchestrator. Its output is the value of the <c>return</c>
/// step that ended it, or the run's <c>vars</c> when it ran out of steps.</summary>
public sealed class WorkflowOrchestrator : TaskOrchestrator<WorkflowRunInput, JsonNode?>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "functionsflow.workflow";

    private const int MaxCachedDefinitions = 256;

    private static readonly ConcurrentDictionary<string, WorkflowDefinition> Definitions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override async Task<JsonNode?> RunAsync(TaskOrchestrationContext context, WorkflowRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = Parse(input.Source);
        var run = context.CheckpointId is null
            ? new WorkflowRun(context, definition, input)
            : new WorkflowRun(context, definition, input, WorkflowCheckpoint.Check(context.GetCheckpointState<WorkflowCheckpoint>()));
        return await run.RunAsync().ConfigureAwait(true);
    }

    /// <summary>Parses a pinned source once per process (definitions are immutable); a source that no longer parses
    /// fails the execution with the errors.</summary>
    public static WorkflowDefinition Parse(string source)
    {
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
        if (Definitions.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = WorkflowDefinitionParser.Parse(source);
        if (result.Definition is not { } definition)
        {
            throw new InvalidOperationException("The pinned workflow definition does not parse: " + string.Join("; ", result.Errors.Take(5)));
        }

        if (Definitions.Count >= MaxCachedDefinitions)
        {
            Definitions.Clear();
        }

        Definitions[key] = definition;
        return definition;
    }
}
