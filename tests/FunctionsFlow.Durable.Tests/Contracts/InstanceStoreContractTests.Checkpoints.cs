using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.Tests.Contracts;

public abstract partial class InstanceStoreContractTests
{
    [Fact]
    public async Task Checkpoints_WriteReadList_AndAnIdWrittenAgainReplacesIt()
    {
        Assert.Empty(await Store.ListCheckpointsAsync("i1", Ct));
        Assert.Null(await Store.ReadCheckpointAsync("i1", "0001-a", Ct));

        await Store.WriteCheckpointAsync("i1", new CheckpointWrite("0002-b", """{"b":2}"""), Ct);
        await Store.WriteCheckpointAsync("i1", new CheckpointWrite("0001-a", """{"a":1}"""), Ct);
        await Store.WriteCheckpointAsync("i1", new CheckpointWrite("0001-a", """{"a":"again"}"""), Ct);
        await Store.WriteCheckpointAsync("i2", new CheckpointWrite("0001-a", """{"other":true}"""), Ct);

        Assert.Equal("""{"a":"again"}""", await Store.ReadCheckpointAsync("i1", "0001-a", Ct));
        Assert.Equal(["0001-a", "0002-b"], (await Store.ListCheckpointsAsync("i1", Ct)).Select(c => c.Id));
        Assert.All(await Store.ListCheckpointsAsync("i1", Ct), c => Assert.True(c.StoredBytes > 0));
        Assert.Equal("""{"other":true}""", await Store.ReadCheckpointAsync("i2", "0001-a", Ct));
        Assert.Null(await Store.ReadCheckpointAsync("i1", "../i2/0001-a", Ct));
    }

    [Fact]
    public async Task Checkpoints_LargeState_RoundTrips()
    {
        var state = "[" + Large(3_000_000, 'q') + "]";

        await Store.WriteCheckpointAsync("i1", new CheckpointWrite("big", state), Ct);

        Assert.Equal(state, await Store.ReadCheckpointAsync("i1", "big", Ct));
    }

    [Fact]
    public async Task TryCommitAsync_WithACheckpoint_StoresItWithTheNewExecution_AndPurgeRemovesIt()
    {
        var record = await CreateAsync(Metadata("i1"));
        var next = Metadata("i1", executionId: "e2");
        var commit = new InstanceCommit(record.ETag, next, [], NewExecution: true, [], [new CheckpointWrite("0001-wait", """{"at":"wait"}""")]);

        Assert.NotNull(await Store.TryCommitAsync("i1", commit, Ct));

        Assert.Equal("""{"at":"wait"}""", await Store.ReadCheckpointAsync("i1", "0001-wait", Ct));
        Assert.True(await Store.PurgeAsync("i1", Ct));
        Assert.Empty(await Store.ListCheckpointsAsync("i1", Ct));
        Assert.Null(await Store.ReadCheckpointAsync("i1", "0001-wait", Ct));
    }

    [Fact]
    public async Task TryCreateAsync_ReplacingAFinishedInstance_KeepsItsCheckpoints()
    {
        var record = await CreateAsync(Metadata("i1"));
        await Store.WriteCheckpointAsync("i1", new CheckpointWrite("0001-a", "1"), Ct);
        var done = await CommitAsync(record, Completed(Metadata("i1")));

        Assert.NotNull(await Store.TryCreateAsync(Metadata("i1", executionId: "e2"), [], done.ETag, Ct));

        Assert.Equal("1", await Store.ReadCheckpointAsync("i1", "0001-a", Ct));
    }

    [Fact]
    public async Task WriteCheckpointAsync_InvalidId_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteCheckpointAsync("i1", new CheckpointWrite("../x", "1"), Ct).AsTask());
}
