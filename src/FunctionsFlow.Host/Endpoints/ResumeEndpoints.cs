using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FunctionsFlow.Host.Telemetry;
using FunctionsFlow.Workflows.Schema;
using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>GET|POST /api/resume/{key}</c>: the public webhook that resumes a waiting flow. The key is the only
/// credential; it is used once. Unknown and wrong keys answer the same 404; used, expired and revoked ones 410.</summary>
internal static class ResumeEndpoints
{
    public static RouteGroupBuilder MapResumeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/resume").WithTags("Resume").AllowAnonymous();
        group.MapGet("/{key}", Describe).WithName("DescribeResume");
        group.MapPost("/{key}", Resume).WithName("Resume");
        return group;
    }

    public static async Task<IResult> Describe(string key, HttpContext http, SuspensionStore store, ResumeRateLimiter limiter, TimeProvider time, CancellationToken ct)
    {
        if (limiter.TryAddress(Address(http)) is { } wait)
        {
            return TooMany(http, wait);
        }

        var hash = SuspensionKeys.HashOf(key);
        if (limiter.TryKey(hash) is { } keyWait)
        {
            return TooMany(http, keyWait);
        }

        var record = await store.FindAsync(hash, ct).ConfigureAwait(false);
        if (record is null)
        {
            HostTelemetry.Resume("unknown");
            return UnknownKey();
        }

        return record.IsUsable(time.GetUtcNow())
            ? TypedResults.Ok(new ResumeDescription(record.Wait.Name, record.Wait.ExpiresAt, record.Wait.Schema))
            : Gone(record.State, time);
    }

    public static async Task<IResult> Resume(string key, HttpContext http, SuspensionStore store, ResumeRateLimiter limiter, ResumeDelivery delivery, TimeProvider time, CancellationToken ct)
    {
        var address = Address(http);
        if (limiter.TryAddress(address) is { } wait)
        {
            return TooMany(http, wait);
        }

        // Size and media type first, before the body is read or the key looked up.
        var request = http.Request;
        if (request.ContentLength > JsonBody.DefaultLimit)
        {
            return Problems.TooLarge(JsonBody.DefaultLimit);
        }

        if (request.ContentLength is not 0 && !JsonBody.IsJson(request.ContentType))
        {
            return Problems.UnsupportedMediaType("The body must be JSON (Content-Type: application/json).");
        }

        var hash = SuspensionKeys.HashOf(key);
        if (limiter.TryKey(hash) is { } keyWait)
        {
            return TooMany(http, keyWait);
        }

        var record = await store.FindAsync(hash, ct).ConfigureAwait(false);
        if (record is null)
        {
            return UnknownKey();
        }

        var now = time.GetUtcNow();
        if (record is { State: SuspensionKeyState.Used, Delivered: false, Payload: { Length: > 0 } kept } && now - record.UsedAt < TimeSpan.FromMinutes(10))
        {
            // The winner's delivery was cut short (the process died between claim and send): finish it.
            await delivery.DeliverAsync(record, kept, ct).ConfigureAwait(false);
        }

        if (!record.IsUsable(now))
        {
            await store.AuditAsync(hash, new SuspensionAttempt(now, "gone:" + record.State, address), ct).ConfigureAwait(false);
            HostTelemetry.Resume("gone");
            return Gone(record.State, time);
        }

        var (body, problem) = await JsonBody.ReadAsync(request, cancellationToken: ct).ConfigureAwait(false);
        if (problem is not null)
        {
            await store.AuditAsync(hash, new SuspensionAttempt(now, "rejected:body", address), ct).ConfigureAwait(false);
            HostTelemetry.Resume("rejected");
            return problem;
        }

        if (record.Wait.Schema is { } schemaJson)
        {
            var schema = JsonSchema.Parse(JsonNode.Parse(schemaJson.GetRawText()));
            var errors = schema.Validate(body is { } b ? JsonNode.Parse(b.GetRawText()) : null);
            if (errors.Count > 0)
            {
                await store.AuditAsync(hash, new SuspensionAttempt(now, "rejected:schema", address), ct).ConfigureAwait(false);
                HostTelemetry.Resume("rejected");
                return Problems.SchemaInvalid(errors, "The input does not match what the wait expects; the link can still be used.");
            }
        }

        var payload = body?.GetRawText() ?? "null";
        if (!await store.TryClaimAsync(record, payload, ct).ConfigureAwait(false))
        {
            await store.AuditAsync(hash, new SuspensionAttempt(now, "conflict", address), ct).ConfigureAwait(false);
            HostTelemetry.Resume("conflict");
            return Problems.Conflict("Another request resumed this wait first.");
        }

        await delivery.DeliverAsync(record, payload, ct).ConfigureAwait(false);
        HostTelemetry.Resume("resumed");
        HostTelemetry.ResumeLatency.Record((time.GetUtcNow() - now).TotalMilliseconds);
        HostTelemetry.WaitDuration.Record((now - record.CreatedAt).TotalSeconds);
        await store.AuditAsync(hash, new SuspensionAttempt(now, "resumed", address), ct).ConfigureAwait(false);
        return TypedResults.Accepted((string?)null, new ResumeAccepted(record.Wait.InstanceId));
    }

    private static IResult UnknownKey() => Problems.NotFound("No wait has this resume key.");

    private static IResult Gone(SuspensionKeyState state, TimeProvider time) => Problems.Gone(state switch
    {
        SuspensionKeyState.Used => "This resume link has been used.",
        SuspensionKeyState.Revoked => "This resume link was revoked.",
        _ => "This resume link has expired.",
    });

    private static IResult TooMany(HttpContext http, TimeSpan wait)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem("Too many attempts; try again later.", statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal sealed record ResumeDescription(string Name, DateTimeOffset? ExpiresAt, JsonElement? Schema);

    internal sealed record ResumeAccepted(string ExecutionId);
}
