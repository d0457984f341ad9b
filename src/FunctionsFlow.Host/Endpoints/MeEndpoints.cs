using System.Security.Claims;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Host.Security.ApiKeys;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/me</c>: who the host thinks the caller is, what they own, and their settings.</summary>
internal static partial class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Me");
        group.MapGet("/", GetMe).WithName("GetMe");
        group.MapGet("/settings", GetSettings).WithName("GetMySettings");
        group.MapPut("/settings", PutSettings).WithName("PutMySettings");
        return group;
    }

    /// <summary>The caller: id, roles, how it authenticated, and counts of what it owns that one or two reads give.</summary>
    public static async Task<IResult> GetMe(ClaimsPrincipal user, WorkflowRepository workflows, CancellationToken ct)
    {
        var caller = Caller.From(user)!;
        var usage = await CountAsync(caller.UserId, workflows, ct).ConfigureAwait(false);
        return TypedResults.Ok(new MeResponse(
            caller.UserId,
            [.. caller.Roles.Order(StringComparer.Ordinal)],
            caller.IsAdmin,
            user.Identity?.AuthenticationType ?? string.Empty,
            user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim),
            usage));
    }

    private static async Task<MeUsage> CountAsync(string userId, WorkflowRepository workflows, CancellationToken ct)
    {
        int total = 0, published = 0;
        string? token = null;
        do
        {
            var page = await workflows.ListAsync(userId, top: 1000, continuationToken: token, cancellationToken: ct).ConfigureAwait(false);
            total += page.Items.Count;
            published += page.Items.Count(w => w.LatestVersion > 0);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var templates = await workflows.ListTemplatesAsync(userId, TemplateScope.Mine, cancellationToken: ct).ConfigureAwait(false);
        return new MeUsage(total, published, templates.Count);
    }

    internal sealed record MeResponse(string UserId, IReadOnlyList<string> Roles, bool IsAdmin, string AuthMode, string? ApiKeyId, MeUsage Usage);

    /// <summary>What the caller owns: workflows (of which ever published) and templates.</summary>
    internal sealed record MeUsage(int Workflows, int PublishedWorkflows, int Templates);
}
