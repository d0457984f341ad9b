using System.Security.Claims;
using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;

namespace FunctionsFlow.Host.Endpoints;

internal static partial class ExecutionEndpoints
{
    /// <summary>The execution's checkpoints: one per <c>checkpoint</c> step and per wait for input it reached.</summary>
    public static async Task<IResult> Checkpoints(string id, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        var checkpoints = await client.ListCheckpointsAsync(id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new { items = checkpoints });
    }

    /// <summary>One checkpoint's state: the position, <c>vars</c>, step outputs and step runs it holds.</summary>
    public static async Task<IResult> Checkpoint(string id, string checkpointId, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        var state = CheckpointIds.IsValid(checkpointId) ? await client.GetCheckpointAsync(id, checkpointId, cancellationToken).ConfigureAwait(false) : null;
        return state is null
            ? Problems.NotFound($"Execution '{id}' has no checkpoint '{checkpointId}'.")
            : TypedResults.Ok(new { id = checkpointId, state = JsonSerializer.Deserialize<JsonElement>(state) });
    }

    /// <summary>Runs a finished execution again, as a new execution: from the start, or from one of its checkpoints.</summary>
    public static async Task<IResult> Restart(string id, string? fromCheckpoint, HttpRequest request, ClaimsPrincipal user, DurableClient client, CancellationToken cancellationToken)
    {
        if (fromCheckpoint is not null && !CheckpointIds.IsValid(fromCheckpoint))
        {
            return Problems.Invalid("fromCheckpoint", $"A checkpoint id has 1 to {CheckpointIds.MaxLength} letters, digits, '-', '_' and '.'; list them at GET .../checkpoints.");
        }

        if (await OwnedAsync(id, user, client, cancellationToken).ConfigureAwait(false) is null)
        {
            return NotFound(id);
        }

        try
        {
            var newId = fromCheckpoint is null
                ? await client.RestartAsync(id, restartWithNewInstanceId: true, cancellationToken).ConfigureAwait(false)
                : await client.RestartFromCheckpointAsync(id, fromCheckpoint, restartWithNewInstanceId: true, cancellationToken).ConfigureAwait(false);
            return OrchestratorEndpoints.Accepted(request, newId);
        }
        catch (OrchestrationStateException ex)
        {
            return Problems.Conflict($"Execution '{id}' is {ex.Status}; only a finished execution can be restarted.");
        }
        catch (CheckpointNotFoundException)
        {
            return Problems.NotFound($"Execution '{id}' has no checkpoint '{fromCheckpoint}' (fromCheckpoint).");
        }
    }
}
