using System.Text.Json;
using System.Text.RegularExpressions;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Sessions;
using FunctionsFlow.Workflows.Tests.Support;
using FunctionsFlow.Workflows.Variables;

namespace FunctionsFlow.Workflows.Tests.Sessions;

/// <summary>Sessions through <see cref="SessionStore"/> and the session entity, with their variable scopes, the
/// same on every backend: each backend's test class derives from this.</summary>
public abstract partial class SessionBehaviourTests(TestHubs hubs) : WorkflowHostTests(hubs)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(10);

    private static readonly JsonElement Cart = Json.Parse("""{"cart":["apple","pear"],"step":1}""");

    private SessionStore Sessions => Host.Sessions;

    [Fact]
    public async Task Create_ReturnsAFreshId_AndExpiresAfterTheTtl()
    {
        var now = Clock.GetUtcNow();

        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        var other = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);

        Assert.Matches(new Regex("^[A-Za-z0-9_-]{22}$"), session.Id);
        Assert.True(SessionStore.IsWellFormedId(session.Id));
        Assert.NotEqual(session.Id, other.Id);
        Assert.Equal("alice", session.Owner);
        Json.Equal(Cart, session.Data);
        Assert.Equal(now, session.CreatedAt);
        Assert.Equal(now + Ttl, session.ExpiresAt);
        var read = await Sessions.GetAsync("alice", session.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal((session.Id, session.Owner, session.CreatedAt, session.ExpiresAt), (read.Id, read.Owner, read.CreatedAt, read.ExpiresAt));
        Json.Equal(Cart, read.Data);
    }

    [Fact]
    public async Task AnotherUser_CannotRead_Update_Extend_OrDelete_AndChangesNothing()
    {
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        await Host.Variables.SetAsync(SessionStore.Scope(session.Id), "draft", Json.Of("mine"), Ct);

        Assert.Null(await Sessions.GetAsync("bob", session.Id, Ct));
        Assert.Null(await Sessions.UpdateAsync("bob", session.Id, Json.Of("stolen"), Ct));
        Assert.Null(await Sessions.ExtendAsync("bob", session.Id, TimeSpan.FromHours(1), Ct));
        Assert.False(await Sessions.DeleteAsync("bob", session.Id, Ct));
        Assert.Null(await Sessions.GetAsync("Alice", session.Id, Ct));

        var read = await Sessions.GetAsync("alice", session.Id, Ct);
        Assert.NotNull(read);
        Json.Equal(Cart, read.Data);
        Assert.Equal(session.ExpiresAt, read.ExpiresAt);
        Assert.Equal("mine", (await Host.Variables.GetAsync(SessionStore.Scope(session.Id), "draft", Ct))!.Value.GetString());
    }

    [Fact]
    public async Task Owner_UpdatesAndExtends()
    {
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        Clock.Advance(TimeSpan.FromMinutes(3));

        var updated = await Sessions.UpdateAsync("alice", session.Id, Json.Parse("""{"step":2}"""), Ct);
        var extended = await Sessions.ExtendAsync("alice", session.Id, TimeSpan.FromMinutes(30), Ct);

        Assert.NotNull(updated);
        Json.Equal(Json.Parse("""{"step":2}"""), updated.Data);
        Assert.Equal(session.ExpiresAt, updated.ExpiresAt);
        Assert.NotNull(extended);
        Assert.Equal(session.ExpiresAt + TimeSpan.FromMinutes(30), extended.ExpiresAt);
        Assert.Equal(session.CreatedAt, extended.CreatedAt);
        var read = await Sessions.GetAsync("alice", session.Id, Ct);
        Json.Equal(Json.Parse("""{"step":2}"""), read!.Data);
        Assert.Equal(extended.ExpiresAt, read.ExpiresAt);
    }

    [Fact]
    public async Task ExpiredSession_ReadsAsGoneAtOnce_ThenItAndItsVariablesAreRemoved()
    {
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        var scope = SessionStore.Scope(session.Id);
        await Host.Variables.SetManyAsync(scope, new Dictionary<string, JsonElement> { ["a"] = Json.Of(1), ["b"] = Json.Of(2) }, cancellationToken: Ct);
        Clock.Advance(Ttl - TimeSpan.FromSeconds(1));
        Assert.NotNull(await Sessions.GetAsync("alice", session.Id, Ct));

        // With no worker running nothing can clean up: the session is gone by its expiry alone.
        await Host.StopWorkersAsync();
        Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await Sessions.GetAsync("alice", session.Id, Ct));
        Assert.Null(await Sessions.ExtendAsync("alice", session.Id, TimeSpan.FromHours(1), Ct));
        Assert.NotNull(await Host.Client.GetEntityAsync<SessionState>(SessionStore.EntityId(session.Id), Ct));

        await Host.StartWorkerAsync();
        Assert.Null(await Sessions.UpdateAsync("alice", session.Id, Json.Of("late"), Ct));
        Assert.False(await Sessions.DeleteAsync("alice", session.Id, Ct));

        await AssertRemovedAsync(Host, session.Id);
        Assert.Null(await Sessions.GetAsync("alice", session.Id, Ct));
    }

    [Fact]
    public async Task Extend_MovesTheExpiry_SoTheEarlierExpireSignalDoesNothing()
    {
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        await Host.Variables.SetAsync(SessionStore.Scope(session.Id), "a", Json.Of(1), Ct);
        var extended = await Sessions.ExtendAsync("alice", session.Id, Ttl, Ct);
        Assert.Equal(session.ExpiresAt + Ttl, extended!.ExpiresAt);
        var entity = SessionStore.EntityId(session.Id);
        Assert.Equal(2, await AppliedCountAsync(entity)); // create, extend

        Clock.Advance(Ttl);
        await Eventually.TrueAsync(async () => await AppliedCountAsync(entity) == 3, "the first expire signal is applied");

        var alive = await Sessions.GetAsync("alice", session.Id, Ct);
        Assert.NotNull(alive);
        Assert.Equal(extended.ExpiresAt, alive.ExpiresAt);
        Assert.NotNull(await Host.Client.GetEntityAsync<SessionState>(entity, Ct));
        Assert.Equal(1, (await Host.Variables.GetAsync(SessionStore.Scope(session.Id), "a", Ct))!.Value.GetInt32());

        Clock.Advance(Ttl);

        Assert.Null(await Sessions.GetAsync("alice", session.Id, Ct));
        await AssertRemovedAsync(Host, session.Id);
    }

    [Fact]
    public async Task Delete_RemovesTheSession_AndItsVariables()
    {
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        var keep = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        await Host.Variables.SetAsync(SessionStore.Scope(session.Id), "a", Json.Of(1), Ct);
        await Host.Variables.SetAsync(SessionStore.Scope(keep.Id), "a", Json.Of(2), Ct);

        Assert.True(await Sessions.DeleteAsync("alice", session.Id, Ct));

        Assert.Null(await Sessions.GetAsync("alice", session.Id, Ct));
        Assert.Null(await Host.Client.GetEntityAsync<SessionState>(SessionStore.EntityId(session.Id), Ct));
        Assert.False(await Sessions.DeleteAsync("alice", session.Id, Ct));
        Assert.Null(await Sessions.UpdateAsync("alice", session.Id, Cart, Ct));
        await AssertRemovedAsync(Host, session.Id);
        Assert.NotNull(await Sessions.GetAsync("alice", keep.Id, Ct));
        Assert.Equal(2, (await Host.Variables.GetAsync(SessionStore.Scope(keep.Id), "a", Ct))!.Value.GetInt32());
    }

    [Fact]
    public async Task UnknownWellFormedId_ReadsAsAbsent()
    {
        var id = new string('A', 22);

        Assert.Null(await Sessions.GetAsync("alice", id, Ct));
        Assert.Null(await Sessions.UpdateAsync("alice", id, Cart, Ct));
        Assert.Null(await Sessions.ExtendAsync("alice", id, Ttl, Ct));
        Assert.False(await Sessions.DeleteAsync("alice", id, Ct));
        Assert.Null(await Host.Client.GetEntityAsync<SessionState>(SessionStore.EntityId(id), Ct));
    }

    [Fact]
    public async Task TtlBounds_AreInclusive_AndAnExtensionMayNotReachPastTheLongestTtl()
    {
        var limits = Sessions.Limits;
        var shortest = await Sessions.CreateAsync("alice", Cart, limits.MinTtl, Ct);
        var longest = await Sessions.CreateAsync("alice", Cart, limits.MaxTtl, Ct);
        Assert.Equal(Clock.GetUtcNow() + limits.MaxTtl, longest.ExpiresAt);

        var tooFar = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Sessions.ExtendAsync("alice", longest.Id, limits.MinTtl, Ct));
        Assert.Equal("by", tooFar.ParamName);
        Assert.Equal(longest.ExpiresAt, (await Sessions.GetAsync("alice", longest.Id, Ct))!.ExpiresAt);

        var toTheEdge = await Sessions.ExtendAsync("alice", shortest.Id, limits.MaxTtl - limits.MinTtl, Ct);
        Assert.Equal(Clock.GetUtcNow() + limits.MaxTtl, toTheEdge!.ExpiresAt);
    }

    [Fact]
    public async Task Restart_KeepsVariablesAndSessions_AndAnExpiryScheduledBeforeItStillHappens()
    {
        var user = VariableScope.User("alice");
        await Host.Variables.SetAsync(VariableScope.Global, "motd", Json.Of("hello"), Ct);
        await Host.Variables.SetManyAsync(user, new Dictionary<string, JsonElement> { ["theme"] = Json.Of("dark"), ["size"] = Json.Of(3) }, cancellationToken: Ct);
        var session = await Host.Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        await Host.Variables.SetAsync(SessionStore.Scope(session.Id), "draft", Json.Of("text"), Ct);
        var written = Clock.GetUtcNow();

        // The app goes down: no worker runs, and nothing of the old process's objects is used again.
        await Host.DisposeAsync();
        Clock.Advance(TimeSpan.FromMinutes(1));
        var restarted = await StartHostAsync(Hub.OpenAgain());

        Assert.Equal("hello", (await restarted.Variables.GetAsync(VariableScope.Global, "motd", Ct))!.Value.GetString());
        Assert.Equal(
            [("size", "3", written), ("theme", "\"dark\"", written)],
            (await restarted.Variables.ListAsync(user, Ct)).Select(v => (v.Key, v.Value.GetRawText(), v.UpdatedAt)));
        var read = await restarted.Sessions.GetAsync("alice", session.Id, Ct);
        Assert.NotNull(read);
        Json.Equal(Cart, read.Data);
        Assert.Equal(session.ExpiresAt, read.ExpiresAt);
        Assert.Equal("text", (await restarted.Variables.GetAsync(SessionStore.Scope(session.Id), "draft", Ct))!.Value.GetString());

        await restarted.Variables.SetAsync(user, "size", Json.Of(4), Ct);
        Assert.Equal(4, (await restarted.Variables.GetAsync(user, "size", Ct))!.Value.GetInt32());

        Clock.Advance(Ttl);

        await AssertRemovedAsync(restarted, session.Id);
        Assert.Equal(2, (await restarted.Variables.ListAsync(user, Ct)).Count);
    }

    [Fact]
    public async Task ConcurrentExtensions_CannotTogetherPushTheExpiryPastTheLongestTtl()
    {
        var limits = Sessions.Limits;
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        var by = limits.MaxTtl - Ttl; // either extension alone reaches exactly the longest TTL

        // Both extensions pass the store's check (it reads the expiry first) before the entity applies either.
        await Host.StopWorkersAsync();
        var queued = await Host.Backend.ControlQueue.GetApproximateCountAsync(Ct);
        Task[] extensions = [Sessions.ExtendAsync("alice", session.Id, by, Ct), Sessions.ExtendAsync("alice", session.Id, by, Ct)];
        await Eventually.TrueAsync(async () => await Host.Backend.ControlQueue.GetApproximateCountAsync(Ct) == queued + 2, "both extensions are sent");
        await Host.StartWorkerAsync();
        try
        {
            await Task.WhenAll(extensions);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Refusing one of them would be a fine outcome.
        }

        var read = await Sessions.GetAsync("alice", session.Id, Ct);
        Assert.True(read!.ExpiresAt - Clock.GetUtcNow() <= limits.MaxTtl, $"The session expires {read.ExpiresAt - Clock.GetUtcNow()} from now, past the longest TTL {limits.MaxTtl}.");
    }

    [Fact(Skip = "Empty entity rows are kept for their dedupe bookkeeping; purging them after a retention period belongs to the heartbeat (issue 8).")]
    public async Task ExpiredSession_LeavesNoEntityRowsBehind()
    {
        var session = await Sessions.CreateAsync("alice", Cart, Ttl, Ct);
        var scope = SessionStore.Scope(session.Id);
        await Host.Variables.SetAsync(scope, "a", Json.Of(1), Ct);

        Clock.Advance(Ttl);
        await AssertRemovedAsync(Host, session.Id);

        // Every session ever made would otherwise keep two empty rows (its own and its variables') for good.
        Assert.Null(await Host.Client.GetInstanceAsync(SessionStore.EntityId(session.Id).InstanceId, Ct));
        Assert.Null(await Host.Client.GetInstanceAsync(scope.EntityId.InstanceId, Ct));
    }

    /// <summary>Waits until the session's state and its variables are gone from storage.</summary>
    private async Task AssertRemovedAsync(WorkflowTestHost host, string sessionId)
    {
        var scope = SessionStore.Scope(sessionId);
        await Eventually.TrueAsync(
            async () => await host.Client.GetEntityAsync<SessionState>(SessionStore.EntityId(sessionId), Ct) is null,
            $"session {sessionId} is removed");
        await Eventually.TrueAsync(
            async () => await host.Client.GetEntityAsync<VariableSet>(scope.EntityId, Ct) is null,
            $"the variables of session {sessionId} are cleared");
        Assert.Empty(await host.Variables.ListAsync(scope, Ct));
    }

    /// <summary>How many operations the entity has applied, by its own bookkeeping (a scheduled signal that is
    /// not due yet is passed on, not applied).</summary>
    private async Task<int> AppliedCountAsync(EntityInstanceId entity)
    {
        var input = (await Host.Client.GetInstanceAsync(entity.InstanceId, Ct))?.SerializedInput;
        return input is null ? 0 : Json.Parse(input).GetProperty("applied").GetArrayLength();
    }
}

/// <summary>The sessions suite on the in-memory backend.</summary>
public sealed class InMemorySessionTests() : SessionBehaviourTests(new InMemoryHubs());

/// <summary>The sessions suite on Azure Storage (Azurite), each test on a task hub of its own.</summary>
public sealed class AzureSessionTests(AzuriteFixture azurite) : SessionBehaviourTests(new AzuriteHubs(azurite));
