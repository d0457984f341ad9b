using System.Security.Claims;

namespace FunctionsFlow.Host.Security;

/// <summary>The authenticated caller of a request: every resource it creates is owned by <see cref="UserId"/>.</summary>
internal sealed record Caller(string UserId, IReadOnlySet<string> Roles)
{
    public const string AdminRole = "admin";

    public bool IsAdmin => Roles.Contains(AdminRole);

    /// <summary>Reads the caller from an authenticated principal; null when the request is anonymous.</summary>
    public static Caller? From(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Caller(id, roles);
    }

    /// <summary>True when <paramref name="value"/> can be a user id: 1-128 letters, digits and <c>. _ @ -</c>.</summary>
    public static bool IsValidUserId(string? value) =>
        value is { Length: > 0 and <= 128 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '-');

    /// <summary>True when <paramref name="value"/> can be a role: 1-64 letters, digits and <c>. _ -</c>.</summary>
    public static bool IsValidRole(string? value) =>
        value is { Length: > 0 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>Builds the principal the authentication handlers hand to ASP.NET Core.</summary>
    public static ClaimsPrincipal CreatePrincipal(string userId, IEnumerable<string> roles, string scheme)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}
