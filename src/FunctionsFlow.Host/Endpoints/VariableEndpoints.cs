using System.Security.Claims;
using System.Text.Json;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Sessions;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/variables/{scope}</c>: scoped variables. The scope is <c>global</c> (everyone reads, admins
/// write), <c>user</c> (the caller's own), <c>workflows/{workflowId}</c> (the caller's workflow) or
/// <c>sessions/{sessionId}</c> (a live session of the caller's; another's or an expired one is 404).</summary>
internal static class VariableEndpoints
{
    public static RouteGroupBuilder MapVariableEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/variables").WithTags("Variables");
        foreach (var scope in new[] { "global", "user", "workflows/{scopeId}", "sessions/{scopeId}" })
        {
            var kind = scope.Split('/')[0];
            group.MapGet($"/{scope}", (string? scopeId, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct) =>
                List(kind, scopeId, user, store, sessions, ct));
            group.MapPatch($"/{scope}", (string? scopeId, HttpRequest request, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct) =>
                Patch(kind, scopeId, request, user, store, sessions, ct));
            group.MapGet($"/{scope}/{{key}}", (string? scopeId, string key, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct) =>
                Get(kind, scopeId, key, user, store, sessions, ct));
            group.MapPut($"/{scope}/{{key}}", (string? scopeId, string key, HttpRequest request, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct) =>
                Put(kind, scopeId, key, request, user, store, sessions, ct));
            group.MapDelete($"/{scope}/{{key}}", (string? scopeId, string key, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct) =>
                Delete(kind, scopeId, key, user, store, sessions, ct));
        }

        return group;
    }

    private static async Task<IResult> List(string kind, string? scopeId, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct)
    {
        var (scope, problem) = await ResolveAsync(kind, scopeId, write: false, user, sessions, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var items = await store.ListAsync(scope, ct).ConfigureAwait(false);
        return TypedResults.Ok(new VariableList([.. items.Select(VariableItem.From)]));
    }

    private static async Task<IResult> Get(string kind, string? scopeId, string key, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct)
    {
        var (scope, problem) = await ResolveAsync(kind, scopeId, write: false, user, sessions, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var variable = await store.GetAsync(scope, key, ct).ConfigureAwait(false);
        return variable is null
            ? Problems.NotFound($"The scope has no variable '{key}'.")
            : TypedResults.Ok(VariableItem.From(variable));
    }

    private static async Task<IResult> Put(string kind, string? scopeId, string key, HttpRequest request, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct)
    {
        if (KeyProblem(store.Limits, key) is { } badKey)
        {
            return badKey;
        }

        var (value, bodyProblem) = await JsonBody.ReadAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (value is not { } json)
        {
            return Problems.Invalid("$", "The body must be the variable's value: any JSON value (use the JSON literal null for null).");
        }

        var (scope, problem) = await ResolveAsync(kind, scopeId, write: true, user, sessions, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await EntityWrites.RunAsync(
            async bounded =>
            {
                try
                {
                    var stored = await store.SetAsync(scope, key, json, bounded).ConfigureAwait(false);
                    return TypedResults.Ok(VariableItem.From(stored));
                }
                catch (VariableLimitException ex)
                {
                    return LimitProblem(ex, key);
                }
            },
            ct).ConfigureAwait(false);
    }

    private static async Task<IResult> Patch(string kind, string? scopeId, HttpRequest request, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct)
    {
        var (body, bodyProblem) = await JsonBody.ReadAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (body is not { ValueKind: JsonValueKind.Object } patch)
        {
            return Problems.Invalid("$", "The body must be a JSON object of keys to values (a null value deletes the key).");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in patch.EnumerateObject())
        {
            if (KeyProblem(store.Limits, property.Name, $"$['{property.Name}']") is { } badKey)
            {
                return badKey;
            }

            values[property.Name] = property.Value;
        }

        var (scope, problem) = await ResolveAsync(kind, scopeId, write: true, user, sessions, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await EntityWrites.RunAsync(
            async bounded =>
            {
                try
                {
                    await store.SetManyAsync(scope, values, removeNulls: true, bounded).ConfigureAwait(false);
                    var items = await store.ListAsync(scope, bounded).ConfigureAwait(false);
                    return TypedResults.Ok(new VariableList([.. items.Select(VariableItem.From)]));
                }
                catch (VariableLimitException ex)
                {
                    return LimitProblem(ex, "$");
                }
            },
            ct).ConfigureAwait(false);
    }

    private static async Task<IResult> Delete(string kind, string? scopeId, string key, ClaimsPrincipal user, VariableStore store, SessionStore sessions, CancellationToken ct)
    {
        if (KeyProblem(store.Limits, key) is { } badKey)
        {
            return badKey;
        }

        var (scope, problem) = await ResolveAsync(kind, scopeId, write: true, user, sessions, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await EntityWrites.RunAsync(
            async bounded =>
            {
                await store.DeleteAsync(scope, key, bounded).ConfigureAwait(false);
                return TypedResults.NoContent();
            },
            ct).ConfigureAwait(false);
    }

    /// <summary>The scope a route names for this caller, or the problem: 403 for a write to <c>global</c> without the
    /// admin role, 404 for a session that is not the caller's live session, 400 for a malformed workflow id.</summary>
    private static async Task<(VariableScope Scope, IResult? Problem)> ResolveAsync(string kind, string? scopeId, bool write, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        var caller = Caller.From(user)!;
        switch (kind)
        {
            case "global":
                return write && !caller.IsAdmin
                    ? (default, Problems.Forbidden("Only admins may change global variables."))
                    : (VariableScope.Global, null);
            case "user":
                return (VariableScope.User(caller.UserId), null);
            case "workflows":
                return WorkflowIds.IsValid(scopeId)
                    ? (VariableScope.Workflow(caller.UserId, scopeId!), null)
                    : (default, Problems.Invalid("workflowId", WorkflowIds.Rule));
            default:
                return await sessions.GetAsync(caller.UserId, scopeId!, ct).ConfigureAwait(false) is null
                    ? (default, Problems.NotFound($"There is no session '{scopeId}'."))
                    : (SessionStore.Scope(scopeId!), null);
        }
    }

    private static IResult? KeyProblem(VariableLimits limits, string key, string field = "key")
    {
        try
        {
            limits.ValidateKey(key);
            return null;
        }
        catch (VariableLimitException ex)
        {
            return Problems.Invalid(field, ex.Message);
        }
    }

    private static IResult LimitProblem(VariableLimitException ex, string field) => ex.Kind switch
    {
        VariableLimitKind.ValueTooLarge => Problems.TooLarge(ex.Message),
        VariableLimitKind.ScopeFull => TypedResults.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "The variable scope is full"),
        _ => Problems.Invalid(field, ex.Message),
    };

    internal sealed record VariableItem(string Key, JsonElement Value, DateTimeOffset UpdatedAt)
    {
        public static VariableItem From(Variable variable) => new(variable.Key, variable.Value, variable.UpdatedAt);
    }

    internal sealed record VariableList(IReadOnlyList<VariableItem> Items);
}
