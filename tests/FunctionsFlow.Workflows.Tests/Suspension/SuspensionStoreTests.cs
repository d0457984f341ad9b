using System.Text.Json;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Suspension;

namespace FunctionsFlow.Workflows.Tests.Suspension;

/// <summary>The suspension key store on Azurite.</summary>
public sealed class SuspensionStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private SuspensionStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = new SuspensionStore(azurite.CreateFactory(), AzuriteFixture.NewName("susp"), _clock);
        await _store.CreateIfNotExistsAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _store.DeleteStorageAsync(Ct);

    private SuspensionWait Wait(string instance = "i-1", string step = "approval") =>
        new(instance, "e-1", step, "manager-approval", "alice", _clock.GetUtcNow().AddDays(3), JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone());

    [Fact]
    public async Task TheOwnersKey_HashesToTheStoredRecord_WhichHoldsNoKey()
    {
        var hash = await _store.IssueAsync(Wait(), Ct);

        var key = await _store.GetKeyAsync("i-1", "approval", Ct);
        var record = await _store.FindAsync(SuspensionKeys.HashOf(key!), Ct);

        Assert.Equal(43, key!.Length);
        Assert.Equal(hash, record!.Hash);
        Assert.Equal(("i-1", "approval", SuspensionKeyState.Waiting), (record.Wait.InstanceId, record.Wait.StepId, record.State));
        Assert.Null(await _store.FindAsync(SuspensionKeys.HashOf(key[..^1] + (key[^1] == 'A' ? 'B' : 'A')), Ct));
        Assert.Null(await _store.FindAsync(SuspensionKeys.HashOf("garbage"), Ct));
    }

    [Fact]
    public async Task IssuingAgainForTheSameWait_KeepsTheKey_AndANewExecutionGetsANewOne()
    {
        var first = await _store.IssueAsync(Wait(), Ct);
        var again = await _store.IssueAsync(Wait(), Ct);
        var next = await _store.IssueAsync(Wait() with { ExecutionId = "e-2" }, Ct);

        Assert.Equal(first, again);
        Assert.NotEqual(first, next);
        Assert.Equal(SuspensionKeyState.Revoked, (await _store.FindAsync(first, Ct))!.State);
    }

    [Fact]
    public async Task OfTenConcurrentClaims_ExactlyOneWins()
    {
        var hash = await _store.IssueAsync(Wait(), Ct);
        var record = await _store.FindAsync(hash, Ct);

        var wins = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => _store.TryClaimAsync(record!, $"{{\"n\":{i}}}", Ct)));

        Assert.Single(wins, w => w);
        var used = await _store.FindAsync(hash, Ct);
        Assert.Equal(SuspensionKeyState.Used, used!.State);
        Assert.False(used.Delivered);
        await _store.MarkDeliveredAsync(hash, Ct);
        Assert.True((await _store.FindAsync(hash, Ct))!.Delivered);
    }

    [Fact]
    public async Task ExpiredWaits_AreNotUsable_AndCloseExpiresTheKey()
    {
        var hash = await _store.IssueAsync(Wait(), Ct);

        _clock.Advance(TimeSpan.FromDays(3));

        Assert.False((await _store.FindAsync(hash, Ct))!.IsUsable(_clock.GetUtcNow()));
        Assert.Null(await _store.GetKeyAsync("i-1", "approval", Ct));
        await _store.CloseAsync("i-1", "approval", Ct);
        Assert.Equal(SuspensionKeyState.Expired, (await _store.FindAsync(hash, Ct))!.State);
    }

    [Fact]
    public async Task TheAuditTrail_KeepsEveryAttemptInOrder()
    {
        var hash = await _store.IssueAsync(Wait(), Ct);

        await _store.AuditAsync(hash, new SuspensionAttempt(_clock.GetUtcNow(), "rejected:schema", "10.0.0.1"), Ct);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await _store.AuditAsync(hash, new SuspensionAttempt(_clock.GetUtcNow(), "resumed", "10.0.0.2"), Ct);

        var trail = await _store.GetAuditAsync(hash, Ct);
        Assert.Equal([("rejected:schema", "10.0.0.1"), ("resumed", "10.0.0.2")], trail.Select(a => (a.Outcome, a.Address)));
    }

    [Fact]
    public async Task Purge_RemovesOnlyKeysPastRetention_WithTheirAuditTrails()
    {
        var used = await _store.IssueAsync(Wait("i-used"), Ct);
        await _store.TryClaimAsync((await _store.FindAsync(used, Ct))!, "{}", Ct);
        await _store.AuditAsync(used, new SuspensionAttempt(_clock.GetUtcNow(), "resumed", null), Ct);
        var waiting = await _store.IssueAsync(Wait("i-wait") with { ExpiresAt = _clock.GetUtcNow().AddDays(30) }, Ct);
        var timedOut = await _store.IssueAsync(Wait("i-late") with { ExpiresAt = _clock.GetUtcNow().AddDays(1) }, Ct);

        Assert.Equal(0, await _store.PurgeAsync(TimeSpan.FromDays(7), Ct));
        _clock.Advance(TimeSpan.FromDays(8));
        var removed = await _store.PurgeAsync(TimeSpan.FromDays(7), Ct);

        Assert.Equal(1, removed);
        Assert.Null(await _store.FindAsync(used, Ct));
        Assert.Empty(await _store.GetAuditAsync(used, Ct));
        Assert.NotNull(await _store.FindAsync(waiting, Ct));
        Assert.NotNull(await _store.FindAsync(timedOut, Ct));
        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await _store.PurgeAsync(TimeSpan.FromDays(7), Ct));
        Assert.Null(await _store.FindAsync(timedOut, Ct));
    }

    [Fact]
    public async Task AClaimNotMarkedDelivered_IsFoundForResending_OnceItIsOldEnough()
    {
        var hash = await _store.IssueAsync(Wait(), Ct);
        await _store.TryClaimAsync((await _store.FindAsync(hash, Ct))!, """{"approved":true}""", Ct);

        var young = await _store.FindUndeliveredAsync(TimeSpan.FromMinutes(1), Ct);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var old = await _store.FindUndeliveredAsync(TimeSpan.FromMinutes(1), Ct);
        await _store.MarkDeliveredAsync(hash, Ct);
        var delivered = await _store.FindUndeliveredAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.Empty(young);
        Assert.Equal("""{"approved":true}""", Assert.Single(old).Payload);
        Assert.Empty(delivered);
    }
}
