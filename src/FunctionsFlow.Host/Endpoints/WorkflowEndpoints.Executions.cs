using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Repository;
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
        WorkflowRepository repository,
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

        var head = WorkflowIds.IsValid(workflowId) ? await repository.GetRecordAsync(caller.UserId, workflowId, ct).ConfigureAwait(false) : null;
        if (head is null)
        {
            return NotFound(workflowId);
        }

        if (head.LatestVersion == 0)
        {
            return Problems.Conflict($"Workflow '{workflowId}' has no published version yet: publish it first (POST /api/workflows/{workflowId}/publish).");
        }

        var version = await repository.GetVersionAsync(caller.UserId, workflowId, head.LatestVersion, ct).ConfigureAwait(false);
        if (version is null)
        {
            return NotFound(workflowId);
        }

        var definition = WorkflowOrchestrator.Parse(version.Source);
        if (definition.Input is { } schema && schema.Schema.Validate(input is { } i ? JsonNode.Parse(i.GetRawText()) : null) is { Count: > 0 } errors)
        {
            return Problems.SchemaInvalid(errors, "The input does not match the workflow's input schema.");
        }

        if (idempotencyKey.Length > 0 && instanceId is null)
        {
            instanceId = IdempotentInstanceId(caller.UserId, workflowId, idempotencyKey);
            if (await client.GetInstanceAsync(instanceId, ct).ConfigureAwait(false) is not null)
            {
                return OrchestratorEndpoints.Accepted(request, instanceId);
            }
        }

        var tags = new Dictionary<string, string>
        {
            [ExecutionTags.Owner] = caller.UserId,
            [ExecutionTags.WorkflowId] = workflowId,
            [ExecutionTags.Version] = version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var run = new WorkflowRunInput(caller.UserId, workflowId, version.Number, version.Source, input, caller.IsAdmin);
        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(WorkflowOrchestrator.Name, run, new StartOrchestrationOptions(instanceId, tags), ct).ConfigureAwait(false);
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
