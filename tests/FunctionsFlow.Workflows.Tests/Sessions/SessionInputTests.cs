using FunctionsFlow.Durable.Client;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Sessions;
using FunctionsFlow.Workflows.Tests.Support;

namespace FunctionsFlow.Workflows.Tests.Sessions;

/// <summary>What the session store refuses or answers before it reads or sends anything: its client's backend
/// fails on any use.</summary>
public sealed class SessionInputTests
{
    private readonly SessionStore _store;

    public SessionInputTests()
    {
        var clock = new ManualTimeProvider();
        _store = new SessionStore(new DurableClient(new UnreachableBackend(), clock), clock);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> MalformedIds => new()
    {
        "",
        " ",
        "short",
        new string('a', 15),
        new string('a', 65),
        "has spaces in the middle!",
        "slash/es/in/the/session/id",
        "question?mark-0000000000",
        "ünïcödé-session-000000",
        "@variables@user:alice00",
    };

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task MalformedId_ReadsAsAbsent_WithoutTouchingStorage(string id)
    {
        Assert.False(SessionStore.IsWellFormedId(id));
        Assert.Null(await _store.GetAsync("alice", id, Ct));
        Assert.Null(await _store.UpdateAsync("alice", id, Json.Of(1), Ct));
        Assert.Null(await _store.ExtendAsync("alice", id, TimeSpan.FromMinutes(1), Ct));
        Assert.False(await _store.DeleteAsync("alice", id, Ct));
    }

    [Fact]
    public async Task NullId_ReadsAsAbsent_WithoutTouchingStorage()
    {
        Assert.False(SessionStore.IsWellFormedId(null));
        Assert.Null(await _store.GetAsync("alice", null!, Ct));
        Assert.False(await _store.DeleteAsync("alice", null!, Ct));
    }

    public static TheoryData<TimeSpan> BadTtls => new()
    {
        TimeSpan.Zero,
        TimeSpan.FromSeconds(-5),
        SessionLimits.Default.MinTtl - TimeSpan.FromTicks(1),
        SessionLimits.Default.MaxTtl + TimeSpan.FromTicks(1),
        TimeSpan.MaxValue,
    };

    [Theory]
    [MemberData(nameof(BadTtls))]
    public async Task TtlOrExtensionOutOfBounds_Throws_BeforeAnythingIsSent(TimeSpan ttl)
    {
        var create = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.CreateAsync("alice", Json.Of(1), ttl, Ct));
        var extend = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _store.ExtendAsync("alice", new string('A', 22), ttl, Ct));

        Assert.Equal("ttl", create.ParamName);
        Assert.Equal("by", extend.ParamName);
    }

    [Fact]
    public async Task OversizedData_Throws_BeforeAnythingIsSent()
    {
        var max = SessionLimits.Default.MaxDataBytes;
        var tooLarge = Json.Of(new string('x', max - 1)); // with its quotes: one byte over

        var create = await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateAsync("alice", tooLarge, TimeSpan.FromMinutes(5), Ct));
        var update = await Assert.ThrowsAsync<ArgumentException>(() => _store.UpdateAsync("alice", new string('A', 22), tooLarge, Ct));

        Assert.Equal("data", create.ParamName);
        Assert.Equal("data", update.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task BlankOwner_CannotCreate(string owner) =>
        await Assert.ThrowsAsync<ArgumentException>(() => _store.CreateAsync(owner, Json.Of(1), TimeSpan.FromMinutes(5), Ct));

    [Fact]
    public void Scope_IsTheSessionsVariableScope()
    {
        var id = new string('A', 22);

        Assert.Equal(Workflows.Variables.VariableScope.Session(id), SessionStore.Scope(id));
        Assert.Equal("session:" + id, SessionStore.Scope(id).Key);
        Assert.Equal("session@" + id, SessionStore.EntityId(id).ToString());
    }
}
