using System.Security.Claims;
using FunctionsFlow.Host.Security;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/me</c>: who the host thinks the caller is.</summary>
internal static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Me");
        group.MapGet("/", GetMe).WithName("GetMe");
        return group;
    }

    public static IResult GetMe(ClaimsPrincipal user)
    {
        var caller = Caller.From(user)!;
        return TypedResults.Ok(new MeResponse(caller.UserId, [.. caller.Roles.Order(StringComparer.Ordinal)], caller.IsAdmin));
    }

    internal sealed record MeResponse(string UserId, IReadOnlyList<string> Roles, bool IsAdmin);
}
