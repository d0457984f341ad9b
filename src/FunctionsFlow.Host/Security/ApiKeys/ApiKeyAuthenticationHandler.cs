using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Security.ApiKeys;

/// <summary>ApiKey mode: <c>Authorization: Bearer ffk_…</c> names a key, and the key its user and roles.</summary>
/// <remarks>The key is hashed and compared in constant time; it is never logged, nor put in an answer.</remarks>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim that carries the id of the key a request came with.</summary>
    public const string KeyIdClaim = "functionsflow/apikey";

    private const string Bearer = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticationFailure.Fail(Context, "The Authorization header must be 'Bearer <API key>'.");
        }

        var record = await store.AuthenticateAsync(header[Bearer.Length..].Trim(), Context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            return AuthenticationFailure.Fail(Context, "The API key is not valid: it is unknown, revoked or expired.");
        }

        var principal = Caller.CreatePrincipal(record.UserId, record.Roles, SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(KeyIdClaim, record.Id));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return base.HandleChallengeAsync(properties);
    }
}
