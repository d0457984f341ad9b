using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;
using static FunctionsFlow.Workflows.Tests.Repository.RepositoryTestContext;

namespace FunctionsFlow.Workflows.Tests.Repository;

public sealed class WorkflowPublishTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PublishAsync_Draft_FreezesItAsVersionOne()
    {
        var time = new ManualTimeProvider();
        var repository = await azurite.CreateRepositoryAsync(time);
        var saved = await repository.SaveAsync("alice", "orders", Definition("orders"));
        time.Advance(TimeSpan.FromMinutes(1));

        var version = await repository.PublishAsync("alice", "orders", Ct);

        Assert.Equal(1, version);
        var read = await repository.GetAsync("alice", "orders", Ct);
        Assert.Equal((WorkflowState.Published, 1), (read!.Workflow.State, read.Workflow.LatestVersion));
        Assert.Equal([new PublishedVersion(1, time.GetUtcNow(), saved.Workflow.ContentHash)], read.Versions);
        var frozen = await repository.GetVersionAsync("alice", "orders", 1, Ct);
        Assert.Equal(
            new WorkflowVersion("alice", "orders", 1, "Name of orders", Definition("orders"), Yaml, saved.Workflow.ContentHash, time.GetUtcNow()),
            frozen);
    }

    [Fact]
    public async Task PublishAsync_UnchangedDraft_ReturnsTheLatestVersionAndWritesNothing()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));
        await repository.PublishAsync("alice", "orders", Ct);
        var before = await repository.GetAsync("alice", "orders", Ct);

        var again = await repository.PublishAsync("alice", "orders", Ct);

        Assert.Equal(1, again);
        var after = await repository.GetAsync("alice", "orders", Ct);
        Assert.Equal(before!.Workflow, after!.Workflow);
        Assert.Single(after.Versions);
        Assert.Null(await repository.GetVersionAsync("alice", "orders", 2, Ct));
    }

    [Fact]
    public async Task PublishAsync_ChangedDraft_PublishesTheNextVersionAndKeepsTheFirstUnchanged()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        await repository.PublishAsync("alice", "orders", Ct);

        var changed = await repository.SaveAsync("alice", "orders", Definition("orders", 2));
        var afterSave = await repository.GetVersionAsync("alice", "orders", 1, Ct);
        var second = await repository.PublishAsync("alice", "orders", Ct);

        Assert.Equal((WorkflowState.Draft, 1), (changed.Workflow.State, changed.Workflow.LatestVersion));
        Assert.Equal(Definition("orders", 1), afterSave!.Source);
        Assert.Equal(2, second);
        Assert.Equal(Definition("orders", 1), (await repository.GetVersionAsync("alice", "orders", 1, Ct))!.Source);
        Assert.Equal(Definition("orders", 2), (await repository.GetVersionAsync("alice", "orders", 2, Ct))!.Source);
        Assert.Equal([1, 2], (await repository.GetAsync("alice", "orders", Ct))!.Versions.Select(v => v.Number));
    }

    [Fact]
    public async Task SaveDraftAsync_SourceOfTheLatestVersion_StatesPublishedAgain()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        await repository.PublishAsync("alice", "orders", Ct);
        await repository.SaveAsync("alice", "orders", Definition("orders", 2));

        var reverted = await repository.SaveAsync("alice", "orders", Definition("orders", 1));

        Assert.Equal((WorkflowState.Published, 1), (reverted.Workflow.State, reverted.Workflow.LatestVersion));
        Assert.Equal(1, await repository.PublishAsync("alice", "orders", Ct));
    }

    [Fact]
    public async Task PublishAsync_TenConcurrentPublishesOfOneDraft_AllReturnVersionOneAndWriteOneVersion()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));

        var versions = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => repository.PublishAsync("alice", "orders", Ct)));

        Assert.All(versions, v => Assert.Equal(1, v));
        var read = await repository.GetAsync("alice", "orders", Ct);
        Assert.Equal((WorkflowState.Published, 1), (read!.Workflow.State, read.Workflow.LatestVersion));
        Assert.Equal([1], read.Versions.Select(v => v.Number));
        Assert.Null(await repository.GetVersionAsync("alice", "orders", 2, Ct));
    }

    [Fact]
    public async Task PublishAsync_TenConcurrentSavesAndPublishes_NumbersVersionsWithoutGapsOrRepeats()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));

        var returned = await Task.WhenAll(Enumerable.Range(2, 10).Select(async steps =>
        {
            await repository.SaveAsync("alice", "orders", Definition("orders", steps));
            return (await repository.PublishAsync("alice", "orders", Ct))!.Value;
        }));

        var read = await repository.GetAsync("alice", "orders", Ct);
        var numbers = read!.Versions.Select(v => v.Number).ToList();
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.Equal(read.Workflow.LatestVersion, numbers[^1]);
        Assert.All(returned, v => Assert.Contains(v, numbers));
        for (var i = 1; i < read.Versions.Count; i++)
        {
            Assert.NotEqual(read.Versions[i - 1].ContentHash, read.Versions[i].ContentHash);
        }

        var sources = await Task.WhenAll(numbers.Select(n => repository.GetVersionAsync("alice", "orders", n, Ct)));
        Assert.All(sources, v => Assert.StartsWith("name: orders\n", v!.Source, StringComparison.Ordinal));
        Assert.Null(await repository.GetVersionAsync("alice", "orders", numbers[^1] + 1, Ct));
    }

    [Fact]
    public async Task PublishAsync_AfterAPublishStoppedBeforeMovingTheHead_CompletesThatVersion()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var saved = await repository.SaveAsync("alice", "orders", Definition("orders"));
        await WriteVersionRowAsOfAStoppedPublishAsync(repository, "alice", "orders", 1);
        var trailing = await repository.GetAsync("alice", "orders", Ct);

        var version = await repository.PublishAsync("alice", "orders", Ct);

        Assert.Equal((WorkflowState.Draft, 0), (trailing!.Workflow.State, trailing.Workflow.LatestVersion));
        Assert.Empty(trailing.Versions);
        Assert.Equal(1, version);
        var read = await repository.GetAsync("alice", "orders", Ct);
        Assert.Equal((WorkflowState.Published, 1), (read!.Workflow.State, read.Workflow.LatestVersion));
        Assert.Equal([saved.Workflow.ContentHash], read.Versions.Select(v => v.ContentHash));
    }

    [Fact]
    public async Task PublishAsync_AfterAStoppedPublishAndANewDraft_PublishesTheNewDraftAsTheFollowingVersion()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        await WriteVersionRowAsOfAStoppedPublishAsync(repository, "alice", "orders", 1);
        await repository.SaveAsync("alice", "orders", Definition("orders", 2));

        var version = await repository.PublishAsync("alice", "orders", Ct);

        Assert.Equal(2, version);
        Assert.Equal(Definition("orders", 1), (await repository.GetVersionAsync("alice", "orders", 1, Ct))!.Source);
        Assert.Equal(Definition("orders", 2), (await repository.GetVersionAsync("alice", "orders", 2, Ct))!.Source);
        Assert.Equal([1, 2], (await repository.GetAsync("alice", "orders", Ct))!.Versions.Select(v => v.Number));
    }

    [Fact]
    public async Task DeleteAsync_PublishedWorkflow_KeepsItsVersionsReadable()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        await repository.PublishAsync("alice", "orders", Ct);
        await repository.SaveAsync("alice", "orders", Definition("orders", 2));
        await repository.PublishAsync("alice", "orders", Ct);

        Assert.True(await repository.DeleteAsync("alice", "orders", Ct));

        Assert.Null(await repository.GetAsync("alice", "orders", Ct));
        Assert.Equal(Definition("orders", 1), (await repository.GetVersionAsync("alice", "orders", 1, Ct))!.Source);
        Assert.Equal(Definition("orders", 2), (await repository.GetVersionAsync("alice", "orders", 2, Ct))!.Source);
        Assert.Null(await repository.GetVersionAsync("bob", "orders", 1, Ct));
    }

    [Fact]
    public async Task SaveDraftAsync_IdOfADeletedPublishedWorkflow_StartsAfreshAndNumbersAfterTheKeptVersions()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        await repository.PublishAsync("alice", "orders", Ct);
        await repository.DeleteAsync("alice", "orders", Ct);

        var recreated = await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        var listedBefore = (await repository.GetAsync("alice", "orders", Ct))!.Versions;
        var version = await repository.PublishAsync("alice", "orders", Ct);

        Assert.True(recreated.Created);
        Assert.Equal((WorkflowState.Draft, 0), (recreated.Workflow.State, recreated.Workflow.LatestVersion));
        Assert.Empty(listedBefore);
        Assert.Equal(2, version);
        Assert.Equal([2], (await repository.GetAsync("alice", "orders", Ct))!.Versions.Select(v => v.Number));
        Assert.Equal(Definition("orders", 1), (await repository.GetVersionAsync("alice", "orders", 1, Ct))!.Source);
    }

    [Fact]
    public async Task PublishAsync_UnknownWorkflow_ReturnsNull()
    {
        var repository = await azurite.CreateRepositoryAsync();

        Assert.Null(await repository.PublishAsync("alice", "nothing", Ct));
        Assert.Null(await repository.GetVersionAsync("alice", "nothing", 1, Ct));
        Assert.Null(await repository.GetVersionAsync("alice", "nothing", 0, Ct));
    }

    /// <summary>Writes what a publish writes before it moves the head (the version's blob and row), then stops.</summary>
    private async Task WriteVersionRowAsOfAStoppedPublishAsync(WorkflowRepository repository, string owner, string workflowId, int number)
    {
        var factory = azurite.CreateFactory();
        var table = factory.GetTableClient(repository.Names.WorkflowsTable);
        var blobs = new SourceBlobs(factory.GetBlobContainerClient(repository.Names.Container));
        var head = WorkflowHead.FromEntity(await table.GetEntityAsync(owner, WorkflowRows.HeadKey(workflowId), cancellationToken: Ct));
        var draft = (await repository.GetAsync(owner, workflowId, Ct))!.Source;
        var blob = await blobs.UploadAsync(SourceBlobs.Versions, SourceText.Create(draft), head.ContentType, owner, workflowId, Ct);
        await table.AddEntityAsync(WorkflowRows.VersionRow(head, number, blob, DateTimeOffset.UnixEpoch), Ct);
    }
}
