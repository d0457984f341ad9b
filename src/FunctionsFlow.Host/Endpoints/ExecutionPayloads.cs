using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Host.Endpoints;

/// <summary>The Durable Functions management payload: where to query and steer an execution.</summary>
internal sealed record ManagementPayload(
    string Id,
    string StatusQueryGetUri,
    string SendEventPostUri,
    string TerminatePostUri,
    string SuspendPostUri,
    string ResumePostUri,
    string PurgeHistoryDeleteUri,
    string RestartPostUri)
{
    public static ManagementPayload For(HttpRequest request, string instanceId)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}/api/executions/{Uri.EscapeDataString(instanceId)}";
        return new ManagementPayload(
            instanceId,
            root,
            root + "/events/{eventName}",
            root + "/terminate?reason={text}",
            root + "/suspend?reason={text}",
            root + "/resume?reason={text}",
            root,
            root + "/restart");
    }
}

/// <summary>One execution's status as the API shows it.</summary>
internal sealed record ExecutionStatus(
    string Id,
    string Name,
    string? WorkflowId,
    int? Version,
    OrchestrationRuntimeStatus RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonElement? Input,
    JsonElement? Output,
    JsonElement? CustomStatus,
    ExecutionFailure? Failure,
    IReadOnlyList<WaitingInput> WaitingFor)
{
    /// <summary>The status of an execution. A declarative workflow's execution shows its workflow id as its name,
    /// its open waits in <c>waitingFor</c>, and keeps its step runs for <c>/steps</c> (not in <c>customStatus</c>).</summary>
    public static ExecutionStatus From(InstanceMetadata m)
    {
        var workflowId = m.Tags?.GetValueOrDefault(ExecutionTags.WorkflowId);
        int? version = m.Tags?.GetValueOrDefault(ExecutionTags.Version) is { } v && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var tagged) ? tagged : null;
        var progress = ReadProgress(m);

        // A workflow execution (also one started by a call step, which carries its caller's tags) says what it runs in its input.
        var run = progress is null ? null : ParseRunInput(m.Input);
        if (run is not null)
        {
            (workflowId, version) = (run.WorkflowId, run.Version);
        }

        return new(
            m.InstanceId,
            workflowId is not null && run is not null ? workflowId : m.Name,
            workflowId,
            version,
            m.RuntimeStatus,
            m.CreatedAt,
            m.LastUpdatedAt,
            run is null ? Parse(m.Input) : run.Input,
            Parse(m.Output),
            progress is null ? Parse(m.CustomStatus) : null,
            m.Failure is { } f ? new ExecutionFailure(f.ErrorType, f.ErrorMessage) : null,
            progress is null || m.RuntimeStatus.IsTerminal() ? [] : [.. progress.Waiting.Select(w => new WaitingInput(w.Name, w.StepId, w.ExpiresAt, w.Schema))]);
    }

    /// <summary>The step runs of a declarative workflow's execution; null for other executions.</summary>
    public static WorkflowProgress? ReadProgress(InstanceMetadata m)
    {
        if (m.Name != WorkflowOrchestrator.Name || m.CustomStatus is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<WorkflowProgress>(m.CustomStatus, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A workflow execution's input as the caller gave it (not the pinned source around it).</summary>
    private static WorkflowRunInput? ParseRunInput(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<WorkflowRunInput>(json, JsonSerializerOptions.Web);

    private static JsonElement? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}

/// <summary>A wait for outside input that an execution has open.</summary>
internal sealed record WaitingInput(string Name, string StepId, DateTimeOffset? ExpiresAt, JsonElement? Schema, string? ResumeUri = null);

/// <summary>Why an execution failed (no stack traces in API answers).</summary>
internal sealed record ExecutionFailure(string ErrorType, string Message);
