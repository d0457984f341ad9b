using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Security;

/// <summary>Development mode: <c>X-FunctionsFlow-User</c> names the caller, <c>X-FunctionsFlow-Roles</c> its roles.</summary>
internal sealed class DevelopmentHeaderAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IHostEnvironment environment)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Development";
    public const string UserHeader = "X-FunctionsFlow-User";
    public const string RolesHeader = "X-FunctionsFlow-Roles";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!environment.IsDevelopment() || !Request.Headers.TryGetValue(UserHeader, out var values))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = values.ToString();
        if (!Caller.IsValidUserId(user))
        {
            return Task.FromResult(AuthenticationFailure.Fail(Context, $"{UserHeader} must be 1-128 letters, digits, '.', '_', '@' or '-'."));
        }

        var roles = Request.Headers[RolesHeader].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Caller.CreatePrincipal(user, roles, SchemeName), SchemeName)));
    }
}
