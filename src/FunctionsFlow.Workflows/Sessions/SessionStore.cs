using System.Security.Cryptography;
using System.Text.Json;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Sessions;

/// <summary>A session as its owner sees it.</summary>
public sealed record Session(string Id, string Owner, JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Creates, reads and changes sessions from outside an orchestration. Every operation names the caller:
/// someone else's session, an unknown one and an expired one all read as absent (null or false).</summary>
public sealed class SessionStore(DurableClient client, TimeProvider time, SessionLimits? limits = null)
{
    private readonly SessionLimits _limits = limits ?? SessionLimits.Default;

    /// <summary>The limits checked.</summary>
    public SessionLimits Limits => _limits;

    /// <summary>The entity of a session.</summary>
    public static EntityInstanceId EntityId(string sessionId) => new(SessionEntity.EntityName, sessionId);

    /// <summary>True when <paramref name="sessionId"/> could be a session id (the ids this store makes are 22
    /// base64url characters; anything shorter or with other characters is never one).</summary>
    public static bool IsWellFormedId(string? sessionId) =>
        sessionId is { Length: >= 16 and <= 64 } && sessionId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>Creates a session owned by <paramref name="owner"/> that expires after <paramref name="ttl"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is out of bounds.</exception>
    /// <exception cref="ArgumentException">The data is too large.</exception>
    public async Task<Session> CreateAsync(string owner, JsonElement data, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(owner);
        CheckTtl(ttl, nameof(ttl));
        CheckData(data);
        while (true)
        {
            var id = NewId();
            var result = await client.CallEntityAsync<SessionResult>(EntityId(id), nameof(SessionEntity.Create), new SessionCreate(owner, data, ttl), cancellationToken).ConfigureAwait(false);
            if (result?.Session is { } created)
            {
                return ToSession(id, created);
            }
        }
    }

    /// <summary>A live session of <paramref name="owner"/>, or null.</summary>
    public async Task<Session?> GetAsync(string owner, string sessionId, CancellationToken cancellationToken = default)
    {
        if (!IsWellFormedId(sessionId))
        {
            return null;
        }

        var entity = await client.GetEntityAsync<SessionState>(EntityId(sessionId), cancellationToken).ConfigureAwait(false);
        return entity?.State is { } state && state.Owner == owner && state.ExpiresAt > time.GetUtcNow() ? ToSession(sessionId, state) : null;
    }

    /// <summary>Replaces a live session's data; null when there is no such session for <paramref name="owner"/>.</summary>
    /// <exception cref="ArgumentException">The data is too large.</exception>
    public async Task<Session?> UpdateAsync(string owner, string sessionId, JsonElement data, CancellationToken cancellationToken = default)
    {
        CheckData(data);
        if (await GetAsync(owner, sessionId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var result = await client.CallEntityAsync<SessionResult>(EntityId(sessionId), nameof(SessionEntity.Update), new SessionUpdate(owner, data), cancellationToken).ConfigureAwait(false);
        return result?.Session is { } state ? ToSession(sessionId, state) : null;
    }

    /// <summary>Moves a live session's expiry later; null when there is no such session for <paramref name="owner"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The extension is out of bounds, or would put the expiry further than the longest TTL from now.</exception>
    public async Task<Session?> ExtendAsync(string owner, string sessionId, TimeSpan by, CancellationToken cancellationToken = default)
    {
        CheckTtl(by, nameof(by));
        if (await GetAsync(owner, sessionId, cancellationToken).ConfigureAwait(false) is not { } current)
        {
            return null;
        }

        var latest = time.GetUtcNow() + _limits.MaxTtl;
        if (current.ExpiresAt + by > latest)
        {
            throw TooFar(by);
        }

        // The entity checks again: two extensions that each fit alone must not both apply.
        var result = await client.CallEntityAsync<SessionResult>(EntityId(sessionId), nameof(SessionEntity.Extend), new SessionExtend(owner, by, latest), cancellationToken).ConfigureAwait(false);
        return result switch
        {
            { TooFar: true } => throw TooFar(by),
            { Session: { } state } => ToSession(sessionId, state),
            _ => null,
        };
    }

    /// <summary>Deletes a live session of <paramref name="owner"/> with its variables; false when there was none.</summary>
    /// <remarks>An unknown id is answered from a read, so it leaves no entity behind.</remarks>
    public async Task<bool> DeleteAsync(string owner, string sessionId, CancellationToken cancellationToken = default) =>
        await GetAsync(owner, sessionId, cancellationToken).ConfigureAwait(false) is not null &&
        await client.CallEntityAsync<bool>(EntityId(sessionId), nameof(SessionEntity.Delete), owner, cancellationToken).ConfigureAwait(false);

    /// <summary>The variable scope of a session.</summary>
    public static VariableScope Scope(string sessionId) => VariableScope.Session(sessionId);

    private ArgumentOutOfRangeException TooFar(TimeSpan by) =>
        new(nameof(by), by, $"A session may not expire more than {_limits.MaxTtl} from now.");

    private static Session ToSession(string id, SessionState state) => new(id, state.Owner, state.Data, state.CreatedAt, state.ExpiresAt);

    private static string NewId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void CheckTtl(TimeSpan value, string name)
    {
        if (value < _limits.MinTtl || value > _limits.MaxTtl)
        {
            throw new ArgumentOutOfRangeException(name, value, $"Must be between {_limits.MinTtl} and {_limits.MaxTtl}.");
        }
    }

    private void CheckData(JsonElement data)
    {
        var size = VariableLimits.SizeOf(data);
        if (size > _limits.MaxDataBytes)
        {
            throw new ArgumentException($"Session data must be at most {_limits.MaxDataBytes} bytes of JSON; this is {size}.", nameof(data));
        }
    }
}
