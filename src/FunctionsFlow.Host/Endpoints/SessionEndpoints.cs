using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Sessions;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/sessions</c>: the caller's sessions. Another user's session, an unknown one and an expired one
/// all answer 404.</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sessions").WithTags("Sessions");
        group.MapPost("/", Create).WithName("CreateSession");
        group.MapGet("/{id}", Get).WithName("GetSession");
        group.MapPut("/{id}", Update).WithName("UpdateSession");
        group.MapPost("/{id}/extend", Extend).WithName("ExtendSession");
        group.MapDelete("/{id}", Delete).WithName("DeleteSession");
        return group;
    }

    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!body!.Value.TryGetProperty("ttl", out var ttlValue))
        {
            return Problems.Invalid("$.ttl", "ttl is required: an ISO 8601 duration such as \"PT30M\", or a number of seconds.");
        }

        var (ttl, badTtl) = ReadDuration(ttlValue, "$.ttl", sessions.Limits);
        if (badTtl is not null)
        {
            return badTtl;
        }

        var data = body.Value.TryGetProperty("data", out var d) ? d : default;
        if (DataProblem(data, sessions.Limits) is { } badData)
        {
            return badData;
        }

        return await EntityWrites.RunAsync(
            async bounded =>
            {
                var session = await sessions.CreateAsync(Caller.From(user)!.UserId, data.ValueKind == JsonValueKind.Undefined ? Null : data, ttl, bounded).ConfigureAwait(false);
                return TypedResults.Created($"/api/sessions/{session.Id}", new SessionCreated(session.Id, session.ExpiresAt));
            },
            ct).ConfigureAwait(false);
    }

    public static async Task<IResult> Get(string id, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        var session = await sessions.GetAsync(Caller.From(user)!.UserId, id, ct).ConfigureAwait(false);
        return session is null ? NotFound(id) : TypedResults.Ok(SessionView.From(session));
    }

    public static async Task<IResult> Update(string id, HttpRequest request, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!body!.Value.TryGetProperty("data", out var data))
        {
            return Problems.Invalid("$.data", "data is required: the session's new data (any JSON value).");
        }

        if (DataProblem(data, sessions.Limits) is { } badData)
        {
            return badData;
        }

        return await EntityWrites.RunAsync(
            async bounded =>
            {
                var session = await sessions.UpdateAsync(Caller.From(user)!.UserId, id, data, bounded).ConfigureAwait(false);
                return session is null ? NotFound(id) : TypedResults.Ok(SessionView.From(session));
            },
            ct).ConfigureAwait(false);
    }

    public static async Task<IResult> Extend(string id, HttpRequest request, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!body!.Value.TryGetProperty("by", out var byValue))
        {
            return Problems.Invalid("$.by", "by is required: an ISO 8601 duration such as \"PT30M\", or a number of seconds.");
        }

        var (by, badBy) = ReadDuration(byValue, "$.by", sessions.Limits);
        if (badBy is not null)
        {
            return badBy;
        }

        return await EntityWrites.RunAsync(
            async bounded =>
            {
                try
                {
                    var session = await sessions.ExtendAsync(Caller.From(user)!.UserId, id, by, bounded).ConfigureAwait(false);
                    return session is null ? NotFound(id) : TypedResults.Ok(new SessionCreated(session.Id, session.ExpiresAt));
                }
                catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "by")
                {
                    return Problems.Invalid("$.by", $"The session may not expire more than {sessions.Limits.MaxTtl} from now.");
                }
            },
            ct).ConfigureAwait(false);
    }

    public static async Task<IResult> Delete(string id, ClaimsPrincipal user, SessionStore sessions, CancellationToken ct) =>
        await EntityWrites.RunAsync(
            async bounded => await sessions.DeleteAsync(Caller.From(user)!.UserId, id, bounded).ConfigureAwait(false) ? TypedResults.NoContent() : NotFound(id),
            ct).ConfigureAwait(false);

    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    private static IResult NotFound(string id) => Problems.NotFound($"There is no session '{id}'.");

    private static IResult? DataProblem(JsonElement data, SessionLimits limits)
    {
        if (data.ValueKind == JsonValueKind.Undefined)
        {
            return null;
        }

        var size = System.Text.Encoding.UTF8.GetByteCount(data.GetRawText());
        return size > limits.MaxDataBytes ? Problems.TooLarge($"Session data must be at most {limits.MaxDataBytes} bytes of JSON; this is {size}.") : null;
    }

    /// <summary>A duration given as ISO 8601 text or a number of seconds, within the session limits.</summary>
    private static (TimeSpan Value, IResult? Problem) ReadDuration(JsonElement value, string field, SessionLimits limits)
    {
        if (!JsonDuration.TryRead(value, out var duration))
        {
            return (default, Problems.Invalid(field, JsonDuration.Rule));
        }

        return duration < limits.MinTtl || duration > limits.MaxTtl
            ? (default, Problems.Invalid(field, string.Create(CultureInfo.InvariantCulture, $"Must be between {limits.MinTtl.TotalSeconds} seconds and {limits.MaxTtl.TotalDays} days.")))
            : (duration, null);
    }

    internal sealed record SessionCreated(string Id, DateTimeOffset ExpiresAt);

    internal sealed record SessionView(string Id, JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt)
    {
        public static SessionView From(Session session) => new(session.Id, session.Data, session.CreatedAt, session.ExpiresAt);
    }
}
