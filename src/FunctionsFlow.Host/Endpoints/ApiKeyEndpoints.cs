using System.Security.Claims;
using System.Text.Json.Serialization;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Host.Security.ApiKeys;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/admin/apikeys</c> (admin role): make an API key (shown once), list keys (metadata only), revoke one.
/// Keys are stored in the task hub whatever the auth mode; they authenticate callers in the <c>ApiKey</c> mode.</summary>
internal static partial class ApiKeyEndpoints
{
    private const long MaxBodyBytes = 16 * 1024;
    private const int MaxNameLength = 100;
    private const int MaxRoles = 16;

    public static RouteGroupBuilder MapApiKeyEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/apikeys").WithTags("Admin").RequireAuthorization(AuthenticationSetup.AdminPolicy);
        group.MapPost("/", Create).WithName("CreateApiKey");
        group.MapGet("/", List).WithName("ListApiKeys");
        group.MapGet("/{id}", Get).WithName("GetApiKey");
        group.MapDelete("/{id}", Revoke).WithName("RevokeApiKey");
        return group;
    }

    public static async Task<IResult> Create(HttpRequest request, ClaimsPrincipal user, ApiKeyStore store, TimeProvider time, ILoggerFactory logs, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var fields = new JsonFields(body!.Value);
        fields.AllowOnly("userId", "roles", "name", "expiresAt");
        var userId = fields.String("userId", required: true, check: u => Caller.IsValidUserId(u) ? null : "userId is 1-128 letters, digits, '.', '_', '@' or '-'.");
        var roles = fields.Strings("roles", MaxRoles, r => Caller.IsValidRole(r) ? null : "A role is 1-64 letters, digits, '.', '_' or '-'.") ?? [];
        var name = fields.String("name", check: n => n.Length is > 0 and <= MaxNameLength && !n.Any(char.IsControl) ? null : $"name is 1-{MaxNameLength} characters, none of them control characters.");
        var expiresAt = fields.Time("expiresAt", t => t > time.GetUtcNow() ? null : "expiresAt must be in the future.");
        if (!fields.IsValid)
        {
            return fields.Problem();
        }

        var admin = Caller.From(user)!.UserId;
        var distinctRoles = roles.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var (record, key) = await store.CreateAsync(userId!, distinctRoles, name, expiresAt, admin, ct).ConfigureAwait(false);
        var logger = logs.CreateLogger("FunctionsFlow.Host.ApiKeys");
        Log.Created(logger, record.Id, record.UserId, admin);
        return TypedResults.Created($"/api/admin/apikeys/{record.Id}", ApiKeyView.From(record, time.GetUtcNow(), key));
    }

    public static async Task<IResult> List(ApiKeyStore store, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var keys = await store.ListAsync(ct).ConfigureAwait(false);
        return TypedResults.Ok(new ApiKeyList([.. keys.Select(k => ApiKeyView.From(k, now))]));
    }

    public static async Task<IResult> Get(string id, ApiKeyStore store, TimeProvider time, CancellationToken ct) =>
        await store.GetAsync(id, ct).ConfigureAwait(false) is { } record
            ? TypedResults.Ok(ApiKeyView.From(record, time.GetUtcNow()))
            : NotFound(id);

    public static async Task<IResult> Revoke(string id, ClaimsPrincipal user, ApiKeyStore store, ILoggerFactory logs, CancellationToken ct)
    {
        if (!await store.RevokeAsync(id, ct).ConfigureAwait(false))
        {
            return NotFound(id);
        }

        var logger = logs.CreateLogger("FunctionsFlow.Host.ApiKeys");
        var admin = Caller.From(user)!.UserId;
        Log.Revoked(logger, id, admin);
        return TypedResults.NoContent();
    }

    private static IResult NotFound(string id) => Problems.NotFound($"There is no API key '{id}'.");

    /// <summary>A key's metadata as the routes show it; with the key itself only in the answer that made it.</summary>
    internal sealed record ApiKeyView(
        string Id, string UserId, IReadOnlyList<string> Roles, string? Name, DateTimeOffset CreatedAt, string CreatedBy,
        DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, string Status,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Key = null)
    {
        public static ApiKeyView From(ApiKeyRecord r, DateTimeOffset now, string? key = null) =>
            new(r.Id, r.UserId, r.Roles, r.Name, r.CreatedAt, r.CreatedBy, r.ExpiresAt, r.RevokedAt, r.StatusAt(now), key);
    }

    internal sealed record ApiKeyList(IReadOnlyList<ApiKeyView> Items);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5300, Level = LogLevel.Information, Message = "API key {KeyId} made for user {UserId} by {Admin}")]
        public static partial void Created(ILogger logger, string keyId, string userId, string admin);

        [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "API key {KeyId} revoked by {Admin}")]
        public static partial void Revoked(ILogger logger, string keyId, string admin);
    }
}
