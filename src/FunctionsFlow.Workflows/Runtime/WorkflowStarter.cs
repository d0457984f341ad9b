using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Workflows.Runtime;

/// <summary>Starts executions of the latest published version of an owner's workflow: for the HTTP start and for
/// schedules alike.</summary>
public sealed class WorkflowStarter(WorkflowRepository repository, DurableClient client)
{
    /// <summary>Finds the latest published version and checks <paramref name="input"/> against its input schema.</summary>
    public async Task<WorkflowStart> PrepareAsync(string owner, string workflowId, JsonElement? input, CancellationToken cancellationToken = default)
    {
        var head = OwnerIds.IsValid(owner) && WorkflowIds.IsValid(workflowId)
            ? await repository.GetRecordAsync(owner, workflowId, cancellationToken).ConfigureAwait(false)
            : null;
        if (head is null)
        {
            return Refused(WorkflowStartRefusal.NotFound);
        }

        if (head.LatestVersion == 0)
        {
            return Refused(WorkflowStartRefusal.NotPublished);
        }

        var version = await repository.GetVersionAsync(owner, workflowId, head.LatestVersion, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return Refused(WorkflowStartRefusal.NotFound);
        }

        var definition = WorkflowOrchestrator.Parse(version.Source);
        if (definition.Input is { } schema && schema.Schema.Validate(input is { } i ? JsonNode.Parse(i.GetRawText()) : null) is { Count: > 0 } errors)
        {
            return new WorkflowStart(owner, workflowId, input, null, WorkflowStartRefusal.InvalidInput, errors);
        }

        return new WorkflowStart(owner, workflowId, input, version, null, []);

        WorkflowStart Refused(WorkflowStartRefusal refusal) => new(owner, workflowId, input, null, refusal, []);
    }

    /// <summary>Starts a prepared execution. Returns its id.</summary>
    /// <exception cref="InvalidOperationException">The start was refused by <see cref="PrepareAsync"/>.</exception>
    /// <exception cref="FunctionsFlow.Durable.OrchestrationAlreadyExistsException">An execution with that id exists and may not be replaced.</exception>
    public Task<string> StartAsync(WorkflowStart start, WorkflowStartOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        var version = start.Version ?? throw new InvalidOperationException(start.RefusalMessage);
        options ??= new WorkflowStartOptions();
        var tags = new Dictionary<string, string>
        {
            [ExecutionTags.Owner] = start.Owner,
            [ExecutionTags.WorkflowId] = start.WorkflowId,
            [ExecutionTags.Version] = version.Number.ToString(CultureInfo.InvariantCulture),
        };
        if (options.ScheduleId is { } scheduleId)
        {
            tags[ExecutionTags.ScheduleId] = scheduleId;
        }

        var run = new WorkflowRunInput(start.Owner, start.WorkflowId, version.Number, version.Source, start.Input, options.OwnerIsAdmin);
        return client.ScheduleNewOrchestrationInstanceAsync(
            WorkflowOrchestrator.Name, run, new StartOrchestrationOptions(options.InstanceId, tags, options.ReplaceFinished), cancellationToken);
    }
}
