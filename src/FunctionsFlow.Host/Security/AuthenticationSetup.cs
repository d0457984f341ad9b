using FunctionsFlow.Host.Security.ApiKeys;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace FunctionsFlow.Host.Security;

/// <summary>Wires the caller identity: one authentication scheme per mode, every route authenticated by
/// default, and an <c>admin</c> policy.</summary>
internal static class AuthenticationSetup
{
    public const string AdminPolicy = "admin";

    public static IServiceCollection AddFunctionsFlowAuthentication(this IServiceCollection services, AuthMode mode)
    {
        var scheme = mode switch
        {
            AuthMode.Development => DevelopmentHeaderAuthenticationHandler.SchemeName,
            AuthMode.AppService => AppServiceAuthenticationHandler.SchemeName,
            AuthMode.ApiKey => ApiKeyAuthenticationHandler.SchemeName,
            _ => throw new InvalidOperationException($"FunctionsFlow:Auth:Mode '{mode}' is not a mode: use Development, AppService or ApiKey."),
        };

        var builder = services.AddAuthentication(scheme);
        _ = mode switch
        {
            AuthMode.Development => builder.AddScheme<AuthenticationSchemeOptions, DevelopmentHeaderAuthenticationHandler>(scheme, null),
            AuthMode.ApiKey => builder.AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(scheme, null),
            _ => builder.AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(scheme, null),
        };

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(Caller.AdminRole));
        return services;
    }
}
