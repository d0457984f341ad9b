using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;
using static FunctionsFlow.Workflows.Tests.Repository.RepositoryTestContext;

namespace FunctionsFlow.Workflows.Tests.Repository;

public sealed class WorkflowDraftTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SaveDraftAsync_NewWorkflow_CreatesADraftWithItsMetadata()
    {
        var time = new ManualTimeProvider();
        var repository = await azurite.CreateRepositoryAsync(time);
        var source = Definition("expense-approval");

        var saved = await repository.SaveDraftAsync("alice@example.com", "expense-approval", "Expense approval", "Routes expenses", source, Yaml, cancellationToken: Ct);

        Assert.True(saved.Created);
        var workflow = saved.Workflow;
        Assert.Equal(("alice@example.com", "expense-approval", "Expense approval", "Routes expenses"), (workflow.Owner, workflow.Id, workflow.Name, workflow.Description));
        Assert.Equal((WorkflowState.Draft, 0, Yaml), (workflow.State, workflow.LatestVersion, workflow.ContentType));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(source))), workflow.ContentHash);
        Assert.Equal((time.GetUtcNow(), time.GetUtcNow()), (workflow.CreatedAt, workflow.UpdatedAt));
        Assert.False(string.IsNullOrEmpty(workflow.ETag));
    }

    [Fact]
    public async Task GetAsync_SavedWorkflow_ReturnsTheDraftSourceAndNoVersions()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var saved = await repository.SaveAsync("alice", "orders", Definition("orders", 3));

        var read = await repository.GetAsync("alice", "orders", Ct);

        Assert.NotNull(read);
        Assert.Equal(saved.Workflow, read.Workflow);
        Assert.Equal(Definition("orders", 3), read.Source);
        Assert.Empty(read.Versions);
    }

    [Fact]
    public async Task SaveDraftAsync_ExistingWorkflow_ReplacesTheDraftAndKeepsCreatedAt()
    {
        var time = new ManualTimeProvider();
        var repository = await azurite.CreateRepositoryAsync(time);
        var first = await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        time.Advance(TimeSpan.FromMinutes(5));

        var second = await repository.SaveDraftAsync("alice", "orders", "Orders v2", null, "{\"name\":\"orders\"}", WorkflowContentTypes.Json, first.Workflow.ETag, Ct);

        Assert.False(second.Created);
        Assert.Equal(("Orders v2", null, WorkflowContentTypes.Json), (second.Workflow.Name, second.Workflow.Description, second.Workflow.ContentType));
        Assert.Equal(first.Workflow.CreatedAt, second.Workflow.CreatedAt);
        Assert.Equal(first.Workflow.CreatedAt + TimeSpan.FromMinutes(5), second.Workflow.UpdatedAt);
        Assert.NotEqual(first.Workflow.ETag, second.Workflow.ETag);
        Assert.Equal("{\"name\":\"orders\"}", (await repository.GetAsync("alice", "orders", Ct))!.Source);
    }

    [Fact]
    public async Task SaveDraftAsync_StaleETag_ThrowsAndChangesNothing()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var first = await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        var second = await repository.SaveAsync("alice", "orders", Definition("orders", 2), first.Workflow.ETag);

        var error = await Assert.ThrowsAsync<WorkflowConcurrencyException>(
            () => repository.SaveAsync("alice", "orders", Definition("orders", 3), first.Workflow.ETag));

        Assert.Equal(("alice", "orders"), (error.Owner, error.WorkflowId));
        var read = await repository.GetAsync("alice", "orders", Ct);
        Assert.Equal(second.Workflow, read!.Workflow);
        Assert.Equal(Definition("orders", 2), read.Source);
    }

    [Fact]
    public async Task SaveDraftAsync_IfMatchOnAMissingWorkflow_ThrowsAndCreatesNothing()
    {
        var repository = await azurite.CreateRepositoryAsync();

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => repository.SaveAsync("alice", "orders", Definition("orders"), "*"));

        Assert.Null(await repository.GetAsync("alice", "orders", Ct));
    }

    [Fact]
    public async Task SaveDraftAsync_IfMatchAny_ReplacesAnExistingWorkflow()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));

        var saved = await repository.SaveAsync("alice", "orders", Definition("orders", 2), "*");

        Assert.False(saved.Created);
        Assert.Equal(Definition("orders", 2), (await repository.GetAsync("alice", "orders", Ct))!.Source);
    }

    [Fact]
    public async Task GetRecordAsync_ReturnsTheHeadOnly_AndNothingForAnotherOwner()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var saved = await repository.SaveAsync("alice", "orders", Definition("orders", 2));
        await repository.PublishAsync("alice", "orders", Ct);

        var head = await repository.GetRecordAsync("alice", "orders", Ct);

        Assert.Equal(("orders", 1, WorkflowState.Published), (head!.Id, head.LatestVersion, head.State));
        Assert.Equal(saved.Workflow.ContentHash, head.ContentHash);
        Assert.Null(await repository.GetRecordAsync("bob", "orders", Ct));
        Assert.Null(await repository.GetRecordAsync("alice", "-bad-id", Ct));
    }

    [Fact]
    public async Task GetAsync_AnotherOwnersWorkflow_IsNotFound()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("alice's orders"));

        Assert.Null(await repository.GetAsync("bob", "orders", Ct));
        Assert.Null(await repository.PublishAsync("bob", "orders", Ct));
        Assert.False(await repository.DeleteAsync("bob", "orders", Ct));
        Assert.Empty((await repository.ListAsync("bob", cancellationToken: Ct)).Items);
        Assert.NotNull(await repository.GetAsync("alice", "orders", Ct));
    }

    [Fact]
    public async Task SaveDraftAsync_SameIdForTwoOwners_KeepsTwoWorkflows()
    {
        var repository = await azurite.CreateRepositoryAsync();

        var alice = await repository.SaveAsync("alice", "orders", Definition("alice's orders"));
        var bob = await repository.SaveAsync("bob", "orders", Definition("bob's orders"));

        Assert.True(alice.Created && bob.Created);
        Assert.Equal(Definition("alice's orders"), (await repository.GetAsync("alice", "orders", Ct))!.Source);
        Assert.Equal(Definition("bob's orders"), (await repository.GetAsync("bob", "orders", Ct))!.Source);
    }

    [Fact]
    public async Task SaveDraftAsync_OneMebibyteSource_RoundTrips()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var header = "name: big\n# ";
        var source = header + new string('x', WorkflowRepository.MaxSourceBytes - header.Length);

        await repository.SaveAsync("alice", "big", source);
        var version = await repository.PublishAsync("alice", "big", Ct);

        Assert.Equal(source, (await repository.GetAsync("alice", "big", Ct))!.Source);
        Assert.Equal(source, (await repository.GetVersionAsync("alice", "big", version!.Value, Ct))!.Source);
    }

    [Fact]
    public async Task SaveDraftAsync_SourceOverTheLimit_IsRefusedAndNothingIsStored()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var source = "# " + new string('é', WorkflowRepository.MaxSourceBytes / 2); // two UTF-8 bytes each: one MiB and two bytes

        var error = await Assert.ThrowsAsync<WorkflowSourceTooLargeException>(() => repository.SaveAsync("alice", "big", source));

        Assert.Equal((WorkflowRepository.MaxSourceBytes + 2L, (long)WorkflowRepository.MaxSourceBytes), (error.Size, error.Limit));
        Assert.Null(await repository.GetAsync("alice", "big", Ct));
    }

    [Theory]
    [InlineData("", "orders", "application/yaml")]
    [InlineData("alice smith", "orders", "application/yaml")]
    [InlineData("alice/bob", "orders", "application/yaml")]
    [InlineData("alice", "-orders", "application/yaml")]
    [InlineData("alice", "orders/1", "application/yaml")]
    [InlineData("alice", "orders", "text/plain")]
    [InlineData("alice", "orders", "application/yaml; charset=utf-8")]
    public async Task SaveDraftAsync_BadOwnerIdOrContentType_ThrowsArgumentException(string owner, string workflowId, string contentType)
    {
        var repository = await azurite.CreateRepositoryAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => repository.SaveDraftAsync(owner, workflowId, "Name", null, Definition("x"), contentType, cancellationToken: Ct));
    }

    [Fact]
    public async Task ListAsync_MoreWorkflowsThanAPage_PagesThroughAllOfThemInIdOrder()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var ids = Enumerable.Range(0, 7).Select(i => $"flow-{i:D2}").ToList();
        await Task.WhenAll(ids.Select(id => repository.SaveAsync("alice", id, Definition(id))));
        await repository.SaveAsync("bob", "flow-99", Definition("bob's"));

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var page = await repository.ListAsync("alice", top: 3, continuationToken: token, cancellationToken: Ct);
            Assert.InRange(page.Items.Count, 1, 3);
            Assert.All(page.Items, w => Assert.Equal("alice", w.Owner));
            seen.AddRange(page.Items.Select(w => w.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ListAsync_ByState_ReturnsOnlyWorkflowsInThatState()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "drafted", Definition("drafted"));
        await repository.SaveAsync("alice", "published", Definition("published"));
        await repository.PublishAsync("alice", "published", Ct);
        await repository.SaveAsync("alice", "changed", Definition("changed", 1));
        await repository.PublishAsync("alice", "changed", Ct);
        await repository.SaveAsync("alice", "changed", Definition("changed", 2));

        var drafts = await repository.ListAsync("alice", WorkflowState.Draft, cancellationToken: Ct);
        var published = await repository.ListAsync("alice", WorkflowState.Published, cancellationToken: Ct);

        Assert.Equal(["changed", "drafted"], drafts.Items.Select(w => w.Id));
        Assert.Equal(["published"], published.Items.Select(w => w.Id));
        Assert.Equal(1, published.Items[0].LatestVersion);
        Assert.Null(published.ContinuationToken);
    }

    [Fact]
    public async Task ListAsync_ListedETag_GuardsTheNextSaveLikeTheReadOne()
    {
        var repository = await azurite.CreateRepositoryAsync();
        var saved = await repository.SaveAsync("alice", "orders", Definition("orders", 1));

        var listed = (await repository.ListAsync("alice", cancellationToken: Ct)).Items.Single();
        var next = await repository.SaveAsync("alice", "orders", Definition("orders", 2), listed.ETag);

        Assert.Equal(saved.Workflow, listed);
        Assert.Equal(next.Workflow, (await repository.ListAsync("alice", cancellationToken: Ct)).Items.Single());
    }

    [Fact]
    public async Task ListAsync_ForeignContinuationToken_ThrowsArgumentException()
    {
        var repository = await azurite.CreateRepositoryAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => repository.ListAsync("alice", continuationToken: "not a token", cancellationToken: Ct));
    }

    [Fact]
    public async Task DeleteAsync_ExistingWorkflow_RemovesItAndAnswersFalseTheSecondTime()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));

        Assert.True(await repository.DeleteAsync("alice", "orders", Ct));
        Assert.False(await repository.DeleteAsync("alice", "orders", Ct));
        Assert.Null(await repository.GetAsync("alice", "orders", Ct));
        Assert.Empty((await repository.ListAsync("alice", cancellationToken: Ct)).Items);
    }
}
