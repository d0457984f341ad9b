using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Security;

/// <summary>App Service authentication: the platform validates the token and forwards the principal as
/// base64 JSON in <c>X-MS-CLIENT-PRINCIPAL</c>. The front end strips that header from outside requests.</summary>
internal sealed class AppServiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    private const string NameIdClaim = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(PrincipalHeader, out var header) || header.ToString().Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header.ToString())));
            var root = doc.RootElement;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : null;
            var claims = root.TryGetProperty("claims", out var c) && c.ValueKind == JsonValueKind.Array
                ? c.EnumerateArray()
                    .Select(e => (Type: e.GetProperty("typ").GetString() ?? string.Empty, Value: e.GetProperty("val").GetString() ?? string.Empty))
                    .ToList()
                : [];

            var userId = FirstClaim(claims, ObjectIdClaim, "oid", NameIdClaim, "sub");
            if (!Caller.IsValidUserId(userId))
            {
                return Task.FromResult(AuthenticationFailure.Fail(Context, "The App Service principal has no usable user id claim."));
            }

            var roles = claims.Where(x => x.Type == (roleType ?? "roles") || x.Type == "roles").Select(x => x.Value);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Caller.CreatePrincipal(userId!, roles, SchemeName), SchemeName)));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Task.FromResult(AuthenticationFailure.Fail(Context, "X-MS-CLIENT-PRINCIPAL is not a valid App Service principal."));
        }
    }

    private static string? FirstClaim(List<(string Type, string Value)> claims, params string[] types) =>
        types.Select(t => claims.FirstOrDefault(c => c.Type == t).Value).FirstOrDefault(v => !string.IsNullOrEmpty(v));
}
