namespace FunctionsFlow.Host.Security.ApiKeys;

/// <summary>An API key's metadata: never the key, nor its hash.</summary>
/// <param name="Id">The public id (the <c>{id}</c> of <c>ffk_{id}_{secret}</c>).</param>
/// <param name="UserId">The user the key authenticates as.</param>
/// <param name="Roles">The roles the caller has with this key.</param>
/// <param name="Name">What the key is for, if the admin said.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="CreatedBy">The admin who made it.</param>
/// <param name="ExpiresAt">When it stops working; null never.</param>
/// <param name="RevokedAt">When it was revoked; null while it is not.</param>
internal sealed record ApiKeyRecord(
    string Id,
    string UserId,
    IReadOnlyList<string> Roles,
    string? Name,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary><c>Active</c>, <c>Revoked</c> or <c>Expired</c> at <paramref name="now"/>.</summary>
    public string StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? "Revoked" : ExpiresAt is { } end && end <= now ? "Expired" : "Active";

    /// <summary>True when the key authenticates at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => StatusAt(now) == "Active";
}
