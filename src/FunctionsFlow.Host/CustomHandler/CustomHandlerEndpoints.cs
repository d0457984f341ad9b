using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Host.Operations;

namespace FunctionsFlow.Host.CustomHandler;

/// <summary>The invocations the Azure Functions host posts for the timer and queue functions (<c>POST /{name}</c>),
/// mapped only when the host runs as a custom handler. They run the same code as the self-hosted background services.</summary>
/// <remarks>Under the Functions host this process listens on 127.0.0.1 only, and the Functions host forwards nothing
/// but <c>/api</c> to it, so these routes are reachable only by the Functions host: they need no caller.</remarks>
internal static class CustomHandlerEndpoints
{
    public static RouteGroupBuilder MapCustomHandlerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/").AllowAnonymous().ExcludeFromDescription();
        group.MapPost($"/{FunctionNames.Heartbeat}", Heartbeat);
        group.MapPost($"/{FunctionNames.SuspensionMaintenance}", SuspensionMaintenance);
        group.MapPost($"/{FunctionNames.ControlQueue}", (HttpRequest request, IDurableBackend backend, ILoggerFactory logs, CancellationToken ct) =>
            QueueTriggerRelease.ReleaseAsync(request, backend.ControlQueue, FunctionNames.ControlQueue, logs, ct));
        group.MapPost($"/{FunctionNames.WorkItemQueue}", (HttpRequest request, IDurableBackend backend, ILoggerFactory logs, CancellationToken ct) =>
            QueueTriggerRelease.ReleaseAsync(request, backend.ActivityQueue, FunctionNames.WorkItemQueue, logs, ct));
        return group;
    }

    /// <summary>The heartbeat timer (Operations/Heartbeat.cs), with the suspension-key upkeep.</summary>
    public static Task<IResult> Heartbeat(HttpRequest request, Heartbeat heartbeat, SuspensionMaintenance maintenance, CancellationToken ct) =>
        RunTimerAsync(
            request,
            async token => $"{await maintenance.RunAsync(token).ConfigureAwait(false)}; {await heartbeat.RunAsync(token).ConfigureAwait(false)}",
            ct);

    /// <summary>The suspension-key upkeep timer.</summary>
    public static Task<IResult> SuspensionMaintenance(HttpRequest request, SuspensionMaintenance maintenance, CancellationToken ct) =>
        RunTimerAsync(request, async token => (await maintenance.RunAsync(token).ConfigureAwait(false)).ToString(), ct);

    /// <summary>Runs the upkeep for a timer invocation; a failure answers 500, which fails the invocation (the next
    /// tick tries again).</summary>
    private static async Task<IResult> RunTimerAsync(HttpRequest request, Func<CancellationToken, Task<string>> upkeep, CancellationToken ct)
    {
        var (_, problem) = await InvocationRequest.ReadAsync(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return InvocationResult.Ok(await upkeep(ct).ConfigureAwait(false));
    }
}
