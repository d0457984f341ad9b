using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Host.Endpoints;

internal static partial class WorkflowEndpoints
{
    private const int MaxIdempotencyKeyLength = 256;

    /// <summary><c>POST /api/workflows/{workflowId}/executions</c>: starts the latest published version with the body
    /// as input (checked against the definition's input schema first). With <c>Idempotency-Key</c> the same key
    /// gives the same execution (and the same answer) again.</summary>
    public static async Task<IResult> StartExecution(
        string workflowId,
        string? instanceId,
        HttpRequest request,
        ClaimsPrincipal user,
        WorkflowStarter starter,
        DurableClient client,
        CancellationToken ct)
    {
        var caller = Caller.From(user)!;
        if (instanceId is not null && InstanceIds.Validate(instanceId) is { } badId)
        {
            return Problems.Invalid("instanceId", badId);
        }

        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            return Problems.Invalid("Idempotency-Key", $"An idempotency key is at most {MaxIdempotencyKeyLength} characters.");
        }

        var (input, bodyProblem) = await JsonBody.ReadAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var start = await starter.PrepareAsync(caller.UserId, workflowId, input, ct).ConfigureAwait(false);
        switch (start.Refusal)
        {
            case WorkflowStartRefusal.NotFound:
                return NotFound(workflowId);
            case WorkflowStartRefusal.NotPublished:
                return Problems.Conflict(start.RefusalMessage!);
            case WorkflowStartRefusal.InvalidInput:
                return Problems.SchemaInvalid(start.InputErrors, "The input does not match the workflow's input schema.");
        }

        if (idempotencyKey.Length > 0 && instanceId is null)
        {
            instanceId = IdempotentInstanceId(caller.UserId, workflowId, idempotencyKey);
            if (await client.GetInstanceAsync(instanceId, ct).ConfigureAwait(false) is not null)
            {
                return OrchestratorEndpoints.Accepted(request, instanceId);
            }
        }

        try
        {
            var id = await starter.StartAsync(start, new WorkflowStartOptions(instanceId, caller.IsAdmin), ct).ConfigureAwait(false);
            return OrchestratorEndpoints.Accepted(request, id);
        }
        catch (OrchestrationAlreadyExistsException ex) when (idempotencyKey.Length > 0)
        {
            return OrchestratorEndpoints.Accepted(request, ex.InstanceId);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Problems.Conflict($"An execution with id '{ex.InstanceId}' is already {ex.Status}.");
        }
    }

    /// <summary>The instance id an idempotency key stands for: the same caller, workflow and key give the same id.</summary>
    private static string IdempotentInstanceId(string owner, string workflowId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner}\n{workflowId}\n{key}"));
        return "idem-" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
