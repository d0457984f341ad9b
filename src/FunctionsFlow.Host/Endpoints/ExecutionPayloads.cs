using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;

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
    IReadOnlyList<object> WaitingFor)
{
    public static ExecutionStatus From(InstanceMetadata m) => new(
        m.InstanceId,
        m.Name,
        m.Tags?.GetValueOrDefault(ExecutionTags.WorkflowId),
        m.Tags?.GetValueOrDefault(ExecutionTags.Version) is { } v && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var version) ? version : null,
        m.RuntimeStatus,
        m.CreatedAt,
        m.LastUpdatedAt,
        Parse(m.Input),
        Parse(m.Output),
        Parse(m.CustomStatus),
        m.Failure is { } f ? new ExecutionFailure(f.ErrorType, f.ErrorMessage) : null,
        []);

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

/// <summary>Why an execution failed (no stack traces in API answers).</summary>
internal sealed record ExecutionFailure(string ErrorType, string Message);

/// <summary>The tags every execution started through the API carries.</summary>
internal static class ExecutionTags
{
    public const string Owner = "owner";
    public const string WorkflowId = "workflowId";
    public const string Version = "version";
}
