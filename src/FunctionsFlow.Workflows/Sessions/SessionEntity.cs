using System.Text.Json;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Sessions;

/// <summary>A session as its entity stores it.</summary>
/// <param name="Owner">The user who created it; only they reach it.</param>
/// <param name="Data">Any JSON.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it goes; it reads as gone from this moment on, whether or not clean-up has run.</param>
public sealed record SessionState(string Owner, JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>Creates a session.</summary>
public sealed record SessionCreate(string Owner, JsonElement Data, TimeSpan Ttl);

/// <summary>Replaces a session's data.</summary>
public sealed record SessionUpdate(string Owner, JsonElement Data);

/// <summary>Moves a session's expiry later by <see cref="By"/>, but never past <see cref="Latest"/>.</summary>
public sealed record SessionExtend(string Owner, TimeSpan By, DateTimeOffset Latest);

/// <summary>The answer to a session operation: the session afterwards, or null when it does not exist for that
/// owner (unknown, someone else's, or expired). <see cref="TooFar"/>: an extension was refused because it would
/// move the expiry past its latest allowed time (the session is unchanged).</summary>
public sealed record SessionResult(SessionState? Session, bool TooFar = false);

/// <summary>The entity of one session (<c>session@{id}</c>): <c>create</c>, <c>update</c>, <c>extend</c>,
/// <c>delete</c> and <c>expire</c>. Each create or extend schedules an <c>expire</c> signal to itself at the new
/// expiry; an <c>expire</c> that arrives before the (moved) expiry does nothing. Deleting or expiring a session
/// clears its <c>session:{id}</c> variable scope.</summary>
public sealed class SessionEntity(TimeProvider time) : TaskEntity<SessionState?>
{
    /// <summary>The name of the entity kind.</summary>
    public const string EntityName = "session";

    /// <summary>Creates the session; refused (null) when a live one already has this id.</summary>
    public SessionResult Create(SessionCreate create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var now = time.GetUtcNow();
        if (Live(now) is not null)
        {
            return new SessionResult(null);
        }

        State = new SessionState(create.Owner, create.Data.Clone(), now, now + create.Ttl);
        Context.SignalEntity(Id, nameof(Expire), null, State.ExpiresAt);
        return new SessionResult(State);
    }

    /// <summary>The session while it is live; null when it does not exist or has expired.</summary>
    public SessionState? Get() => Live(time.GetUtcNow());

    /// <summary>Replaces the data of a live session of <see cref="SessionUpdate.Owner"/>.</summary>
    public SessionResult Update(SessionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (Live(time.GetUtcNow()) is not { } session || session.Owner != update.Owner)
        {
            return new SessionResult(null);
        }

        State = session with { Data = update.Data.Clone() };
        return new SessionResult(State);
    }

    /// <summary>Moves the expiry of a live session of <see cref="SessionExtend.Owner"/> later.</summary>
    public SessionResult Extend(SessionExtend extend)
    {
        ArgumentNullException.ThrowIfNull(extend);
        if (Live(time.GetUtcNow()) is not { } session || session.Owner != extend.Owner)
        {
            return new SessionResult(null);
        }

        if (session.ExpiresAt + extend.By > extend.Latest)
        {
            return new SessionResult(session, TooFar: true);
        }

        State = session with { ExpiresAt = session.ExpiresAt + extend.By };
        Context.SignalEntity(Id, nameof(Expire), null, State.ExpiresAt);
        return new SessionResult(State);
    }

    /// <summary>Deletes a session of <paramref name="owner"/> and its variables; true when there was a live one.</summary>
    public bool Delete(string owner)
    {
        if (Live(time.GetUtcNow()) is not { } session || session.Owner != owner)
        {
            return false;
        }

        Remove();
        return true;
    }

    /// <summary>Removes the session and its variables if it has expired.</summary>
    public void Expire()
    {
        if (State is { } session && session.ExpiresAt <= time.GetUtcNow())
        {
            Remove();
        }
    }

    private SessionState? Live(DateTimeOffset now) => State is { } session && session.ExpiresAt > now ? session : null;

    private void Remove()
    {
        State = null;
        Context.SignalEntity(VariableScope.Session(Id.Key).EntityId, nameof(VariablesEntity.Clear));
    }
}
