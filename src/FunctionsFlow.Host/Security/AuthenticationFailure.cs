namespace FunctionsFlow.Host.Security;

/// <summary>Carries why authentication failed from a handler to the 401 problem details.</summary>
internal static class AuthenticationFailure
{
    private static readonly object Key = new();

    public static Microsoft.AspNetCore.Authentication.AuthenticateResult Fail(HttpContext context, string reason)
    {
        context.Items[Key] = reason;
        return Microsoft.AspNetCore.Authentication.AuthenticateResult.Fail(reason);
    }

    public static string? Reason(HttpContext context) => context.Items.TryGetValue(Key, out var reason) ? reason as string : null;
}
