using System.Security.Claims;
using FunctionsFlow.Host.Operations;
using FunctionsFlow.Host.Security;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/admin/emergency</c> (admin role): turn emergency mode on with a reason, or lift it; and the filter
/// that answers 503 on the routes that start executions while it is on.</summary>
internal static class EmergencyEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;
    private const int MaxReasonLength = 500;

    /// <summary>How long a refused start is told to wait before trying again.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(1);

    public static RouteGroupBuilder MapEmergencyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/emergency").WithTags("Admin").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        group.MapPost("/", Activate).WithName("ActivateEmergencyMode");
        group.MapDelete("/", Lift).WithName("LiftEmergencyMode");
        return group;
    }

    public static async Task<IResult> Activate(HttpRequest request, ClaimsPrincipal user, EmergencyMode emergency, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var fields = new JsonFields(body!.Value);
        fields.AllowOnly("reason");
        var reason = fields.String("reason", required: true, check: r =>
            r.Trim().Length is > 0 and <= MaxReasonLength && !r.Any(char.IsControl) ? null : $"reason is 1-{MaxReasonLength} characters, none of them control characters.");
        if (!fields.IsValid)
        {
            return fields.Problem();
        }

        var state = await emergency.ActivateAsync(reason!.Trim(), Caller.From(user)!.UserId, ct).ConfigureAwait(false);
        return TypedResults.Ok(EmergencyView.From(state));
    }

    public static async Task<IResult> Lift(ClaimsPrincipal user, EmergencyMode emergency, CancellationToken ct) =>
        TypedResults.Ok(EmergencyView.From(await emergency.LiftAsync(Caller.From(user)!.UserId, ct).ConfigureAwait(false)));

    /// <summary>While emergency mode is on, the route answers 503 naming the reason, and does nothing.</summary>
    public static RouteHandlerBuilder RefusedInEmergency(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<EmergencyMode>().Current is { Active: true } on
                ? Problems.Unavailable($"Emergency mode is on: {on.Reason} New executions are not started until an administrator lifts it.", RetryAfter)
                : await next(context).ConfigureAwait(false));

    /// <summary>The switch as the routes and <c>GET /api/health</c> show it.</summary>
    internal sealed record EmergencyView(bool Active, string? Reason, DateTimeOffset? Since, string? By)
    {
        public static EmergencyView From(EmergencyState state) => new(state.Active, state.Reason, state.Since, state.By);
    }
}
