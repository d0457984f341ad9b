using System.Security.Claims;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/executions</c>: status, history, events and operator controls of the caller's executions.</summary>
internal static partial class ExecutionEndpoints
{
    public static RouteGroupBuilder MapExecutionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/executions").WithTags("Executions");
        group.MapGet("/", List).WithName("ListExecutions");
        group.MapGet("/{id}", Get).WithName("GetExecution");
        group.MapGet("/{id}/history", History).WithName("GetExecutionHistory");
        group.MapGet("/{id}/steps", Steps).WithName("GetExecutionSteps");
        group.MapGet("/{id}/checkpoints", Checkpoints).WithName("ListExecutionCheckpoints");
        group.MapGet("/{id}/checkpoints/{checkpointId}", Checkpoint).WithName("GetExecutionCheckpoint");
        group.MapPost("/{id}/waits/{stepId}/revoke", RevokeWait).WithName("RevokeResumeLink");
        group.MapPost("/{id}/waits/{stepId}/rotate", RotateWait).WithName("RotateResumeLink");
        group.MapPost("/{id}/events/{eventName}", RaiseEvent).WithName("RaiseExecutionEvent");
        group.MapPost("/{id}/terminate", Terminate).WithName("TerminateExecution");
        group.MapPost("/{id}/suspend", Suspend).WithName("SuspendExecution");
        group.MapPost("/{id}/resume", Resume).WithName("ResumeExecution");
        group.MapPost("/{id}/restart", Restart).WithName("RestartExecution").RefusedInEmergency();
        group.MapDelete("/{id}", Purge).WithName("PurgeExecution");
        return group;
    }

    /// <summary>The status; to its owner (the only caller who gets one) each open wait shows its resume link.</summary>
    public static async Task<IResult> Get(string id, HttpRequest request, ClaimsPrincipal user, DurableClient client, SuspensionStore suspensions, CancellationToken cancellationToken)
    {
        var metadata = await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return NotFound(id);
        }

        var status = ExecutionStatus.From(metadata);
        var waiting = new List<WaitingInput>(status.WaitingFor.Count);
        foreach (var wait in status.WaitingFor)
        {
            var key = await suspensions.GetKeyAsync(id, wait.StepId, cancellationToken).ConfigureAwait(false);
            waiting.Add(wait with { ResumeUri = key is null ? null : ResumeUri(request, key) });
        }

        return TypedResults.Ok(status with { WaitingFor = waiting });
    }

    /// <summary>Revokes the resume link of an open wait (it answers 410 from now on); the flow keeps waiting.</summary>
    public static async Task<IResult> RevokeWait(string id, string stepId, ClaimsPrincipal user, DurableClient client, SuspensionStore suspensions, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        return await suspensions.RevokeAsync(id, stepId, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Execution '{id}' has no open wait '{stepId}' with a usable link.");
    }

    /// <summary>Replaces the resume link of an open wait with a new one (the old one answers 410).</summary>
    public static async Task<IResult> RotateWait(string id, string stepId, HttpRequest request, ClaimsPrincipal user, DurableClient client, SuspensionStore suspensions, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        var key = await suspensions.RotateAsync(id, stepId, cancellationToken).ConfigureAwait(false);
        return key is null
            ? Problems.NotFound($"Execution '{id}' has no open wait '{stepId}' with a usable link.")
            : TypedResults.Ok(new { resumeUri = ResumeUri(request, key) });
    }

    private static string ResumeUri(HttpRequest request, string key) => $"{request.Scheme}://{request.Host}{request.PathBase}/api/resume/{key}";

    public static async Task<IResult> History(string id, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        var history = await client.GetHistoryAsync(id, cancellationToken).ConfigureAwait(false) ?? [];
        return TypedResults.Ok(new { items = history.Select((e, i) => HistoryItem.From(i, e)) });
    }

    /// <summary>The step runs of a declarative workflow's execution (empty for a code-first orchestration).</summary>
    public static async Task<IResult> Steps(string id, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        var metadata = await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false);
        return metadata is null
            ? NotFound(id)
            : TypedResults.Ok(new { items = ExecutionStatus.ReadProgress(metadata)?.Steps ?? [] });
    }

    public static async Task<IResult> RaiseEvent(string id, string eventName, HttpRequest request, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        if (eventName.Length > 128)
        {
            return Problems.Invalid("eventName", "An event name must be at most 128 characters.");
        }

        var (payload, problem) = await JsonBody.ReadAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await SteerAsync(id, user, client, c => c.RaiseEventAsync(id, eventName, payload, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public static Task<IResult> Terminate(string id, string? reason, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken) =>
        SteerAsync(id, user, client, c => c.TerminateInstanceAsync(id, reason, cancellationToken), cancellationToken);

    public static Task<IResult> Suspend(string id, string? reason, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken) =>
        SteerAsync(id, user, client, c => c.SuspendInstanceAsync(id, reason, cancellationToken), cancellationToken);

    public static Task<IResult> Resume(string id, string? reason, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken) =>
        SteerAsync(id, user, client, c => c.ResumeInstanceAsync(id, reason, cancellationToken), cancellationToken);

    public static async Task<IResult> Purge(string id, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        try
        {
            await client.PurgeInstanceAsync(id, cancellationToken).ConfigureAwait(false);
            return TypedResults.NoContent();
        }
        catch (OrchestrationStateException ex)
        {
            return Problems.Conflict($"Execution '{id}' is {ex.Status}; terminate it before purging.");
        }
    }

    private static async Task<IResult> SteerAsync(string id, ClaimsPrincipal user, DurableClient client, Func<DurableClient, Task> operation, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        try
        {
            await operation(client).ConfigureAwait(false);
            return TypedResults.Accepted((string?)null);
        }
        catch (OrchestrationStateException ex)
        {
            return Problems.Gone($"Execution '{id}' has ended ({ex.Status}).");
        }
    }

    /// <summary>The execution if the caller owns it; another user's execution reads as missing (no probing).</summary>
    private static async Task<InstanceMetadata?> OwnedAsync(string id, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user)!;
        var metadata = (await client.GetInstanceAsync(id, cancellationToken).ConfigureAwait(false))?.Raw;
        return metadata?.Tags?.GetValueOrDefault(ExecutionTags.Owner) == caller.UserId ? metadata : null;
    }

    private static IResult NotFound(string id) => Problems.NotFound($"No execution '{id}' was found.");
}
