using System.Security.Claims;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>POST /api/orchestrators/{name}[/{instanceId}]</c>: start a code-first orchestrator (the Durable quickstart shape).</summary>
internal static class OrchestratorEndpoints
{
    public static RouteGroupBuilder MapOrchestratorEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/orchestrators").WithTags("Orchestrators");
        group.MapPost("/{name}", Start).WithName("StartOrchestrator").RefusedInEmergency();
        group.MapPost("/{name}/{instanceId}", Start).WithName("StartOrchestratorWithId").RefusedInEmergency();
        return group;
    }

    public static async Task<IResult> Start(
        string name,
        string? instanceId,
        HttpRequest request,
        ClaimsPrincipal user,
        DurableTaskRegistry registry,
        DurableClient client,
        CancellationToken cancellationToken)
    {
        if (!registry.HasOrchestrator(name))
        {
            return Problems.NotFound($"No orchestrator named '{name}' is registered. Known: {string.Join(", ", registry.OrchestratorNames.Order(StringComparer.Ordinal))}.");
        }

        if (instanceId is not null && InstanceIds.Validate(instanceId) is { } problem)
        {
            return Problems.Invalid("instanceId", problem);
        }

        var (input, bodyProblem) = await JsonBody.ReadAsync(request, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var caller = Caller.From(user)!;
        var tags = new Dictionary<string, string> { [ExecutionTags.Owner] = caller.UserId };
        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId, tags), cancellationToken).ConfigureAwait(false);
            return Accepted(request, id);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            return Problems.Conflict($"An execution with id '{ex.InstanceId}' is already {ex.Status}.");
        }
    }

    /// <summary>202 with the management payload, <c>Location</c> and <c>Retry-After</c>.</summary>
    public static IResult Accepted(HttpRequest request, string instanceId)
    {
        var payload = ManagementPayload.For(request, instanceId);
        request.HttpContext.Response.Headers.RetryAfter = "1";
        return TypedResults.Accepted(payload.StatusQueryGetUri, payload);
    }
}
