using System.Security.Cryptography;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Schedules;
using FunctionsFlow.Workflows.Tests.Support;

namespace FunctionsFlow.Workflows.Tests.Schedules;

/// <summary>The schedules table on Azurite: rows under their ETag, and definitions through the task hub's codec.</summary>
public sealed class ScheduleStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly string _hub = AzuriteFixture.NewName("sst");
    private readonly StateCodec _codec = new(new StateCodecOptions { KeyProvider = new StaticCodecKeyProvider([new CodecKey("k1", RandomNumberGenerator.GetBytes(CodecKey.KeySize))], "k1") });
    private ScheduleStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StorageClientFactory Factory => azurite.CreateFactory();

    public async ValueTask InitializeAsync()
    {
        _store = new ScheduleStore(Factory, _hub, _codec);
        await _store.CreateIfNotExistsAsync(Ct);
    }

    public async ValueTask DisposeAsync() => await _store.DeleteStorageAsync(CancellationToken.None);

    [Fact]
    public async Task Definition_IsStoredEncrypted_BoundToItsSchedule_AndReadBack()
    {
        var schedule = Create("alice", "nightly", """{"secret": "tell no one"}""");

        Assert.True(await _store.TryAddAsync(schedule, Ct));

        var row = await Table.GetEntityAsync("alice", "nightly", cancellationToken: Ct);
        Assert.StartsWith(StateCodec.ProtectedTextPrefix, row.GetString(nameof(Schedule.Definition)), StringComparison.Ordinal);
        Assert.DoesNotContain("tell no one", string.Join('|', row.Select(p => p.Value.ToString())), StringComparison.Ordinal);
        var read = await _store.GetAsync("alice", "nightly", Ct);
        Json.Equal(schedule.Definition.Input!.Value, read!.Definition.Input!.Value);

        // The same ciphertext under another schedule's keys does not decode.
        var moved = new TableEntity("alice", "other");
        foreach (var (name, value) in row)
        {
            moved[name] = value;
        }

        await Table.AddEntityAsync(moved, Ct);
        await Assert.ThrowsAsync<StateCodecException>(() => _store.GetAsync("alice", "other", Ct));
    }

    [Fact]
    public async Task DefinitionStoredBeforeEncryption_StillReads()
    {
        var schedule = Create("alice", "old", """{"n": 1}""");
        Assert.True(await new ScheduleStore(Factory, _hub).TryAddAsync(schedule, Ct));

        var read = await _store.GetAsync("alice", "old", Ct);

        Assert.Equal(1, read!.Definition.Input!.Value.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task TryAdd_ATakenId_IsRefused_AndAStaleReplaceLoses()
    {
        var schedule = Create("alice", "s1", """{"n": 1}""");
        Assert.True(await _store.TryAddAsync(schedule, Ct));
        Assert.False(await _store.TryAddAsync(Create("alice", "s1", """{"n": 2}"""), Ct));

        var read = (await _store.GetAsync("alice", "s1", Ct))!;
        var paused = await _store.TryReplaceAsync(read with { Progress = SchedulePlanner.Pause(read) }, Ct);

        Assert.NotNull(paused);
        Assert.Null(await _store.TryReplaceAsync(read with { UpdatedAt = T0.AddHours(1) }, Ct));
        Assert.True((await _store.GetAsync("alice", "s1", Ct))!.Progress.Paused);
        Assert.Null(await _store.GetAsync("bob", "s1", Ct));
    }

    private TableClient Table => Factory.GetTableClient(_hub + "Schedules");

    private static Schedule Create(string owner, string id, string input)
    {
        var definition = new ScheduleDefinition("w", Json.Parse(input), new ScheduleTrigger(Interval: new IntervalTrigger(TimeSpan.FromMinutes(1))), OverlapPolicy.Skip, CatchUpPolicy.Latest, TimeSpan.FromDays(1));
        return new Schedule(owner, id, definition, SchedulePlanner.Initial(definition, T0, paused: false), ScheduleIds.NewGeneration(), T0, T0, string.Empty);
    }
}
