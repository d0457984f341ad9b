using System.Security.Claims;
using FunctionsFlow.Host.Security;
using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Host.Endpoints;

/// <summary><c>/api/connections</c>: the caller's connections, metadata only; their secrets go in and never come out.
/// Another user's connection answers 404.</summary>
internal static class ConnectionEndpoints
{
    /// <summary>The largest body of a put (secrets are at most 8 KiB each).</summary>
    private const long MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder MapConnectionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connections");
        group.MapPut("/{name}", Put).WithName("PutConnection");
        group.MapGet("/", List).WithName("ListConnections");
        group.MapGet("/{name}", Get).WithName("GetConnection");
        group.MapDelete("/{name}", Delete).WithName("DeleteConnection");
        return group;
    }

    public static async Task<IResult> Put(string name, HttpRequest request, ClaimsPrincipal user, ConnectionService connections, TimeProvider time, CancellationToken ct)
    {
        if (!ConnectionNames.IsValid(name))
        {
            return Problems.Invalid("name", ConnectionNames.Rule);
        }

        var (body, problem) = await JsonBody.ReadObjectAsync(request, MaxBodyBytes, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var fields = new JsonFields(body!.Value);
        if (ConnectionBody.Read(fields, now) is not { } definition)
        {
            return fields.Problem();
        }

        try
        {
            var connection = await connections.PutAsync(Caller.From(user)!.UserId, name, definition, ct).ConfigureAwait(false);
            return TypedResults.Ok(ConnectionView.From(connection, now));
        }
        catch (SecretStoreException ex)
        {
            return SecretStoreProblem(ex);
        }
    }

    public static Task<IResult> List(int? top, string? continuationToken, HttpContext http, ClaimsPrincipal user, ConnectionService connections, TimeProvider time, CancellationToken ct) =>
        ListPages.AnswerAsync(http, top, continuationToken, async size =>
        {
            var page = await connections.ListAsync(Caller.From(user)!.UserId, size, continuationToken, ct).ConfigureAwait(false);
            var now = time.GetUtcNow();
            return (new ConnectionList([.. page.Items.Select(c => ConnectionView.From(c, now))], page.ContinuationToken), page.ContinuationToken);
        });

    public static async Task<IResult> Get(string name, ClaimsPrincipal user, ConnectionService connections, TimeProvider time, CancellationToken ct) =>
        await connections.GetAsync(Caller.From(user)!.UserId, name, ct).ConfigureAwait(false) is { } connection
            ? TypedResults.Ok(ConnectionView.From(connection, time.GetUtcNow()))
            : NotFound(name);

    public static async Task<IResult> Delete(string name, ClaimsPrincipal user, ConnectionService connections, CancellationToken ct)
    {
        try
        {
            return await connections.DeleteAsync(Caller.From(user)!.UserId, name, ct).ConfigureAwait(false) ? TypedResults.NoContent() : NotFound(name);
        }
        catch (SecretStoreException ex)
        {
            return SecretStoreProblem(ex);
        }
    }

    private static IResult NotFound(string name) => Problems.NotFound($"There is no connection '{name}'.");

    /// <summary>503 (with <c>Retry-After</c> when trying again may help): the secret store refused or failed. Its message
    /// names the store's status and the secret's derived name, never a value.</summary>
    private static IResult SecretStoreProblem(SecretStoreException ex) => ex.IsTransient
        ? Problems.Unavailable($"The secret store is not available just now: {ex.Message}", TimeSpan.FromSeconds(5))
        : TypedResults.Problem($"The secret store refused: {ex.Message}", statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable");
}
