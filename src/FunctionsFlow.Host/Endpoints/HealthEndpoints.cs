namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/health</c>: liveness for probes.</summary>
internal static class HealthEndpoints
{
    public static RouteGroupBuilder MapHealthEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/health").WithTags("Health");
        group.MapGet("/live", Live).AllowAnonymous().WithName("HealthLive");
        return group;
    }

    /// <summary>200 while the process serves requests; touches no storage.</summary>
    public static IResult Live(TimeProvider time) => TypedResults.Ok(new LiveResponse("Alive", time.GetUtcNow()));

    internal sealed record LiveResponse(string Status, DateTimeOffset Time);
}
