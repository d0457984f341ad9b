using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;
using static FunctionsFlow.Workflows.Tests.Repository.RepositoryTestContext;

namespace FunctionsFlow.Workflows.Tests.Repository;

public sealed class WorkflowTemplateTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SaveTemplateAsync_Workflow_CopiesItsDraftWithTheTemplatesMetadata()
    {
        var time = new ManualTimeProvider();
        var repository = await azurite.CreateRepositoryAsync(time);
        var saved = await repository.SaveAsync("alice", "expense-approval", Definition("expense-approval", 2));

        var template = await repository.SaveTemplateAsync(
            "alice", "expense-approval", "Expense approval", "Finance", "Approve large expenses", isPublic: true, ["approval", "finance"], Ct);

        Assert.NotNull(template);
        Assert.Equal(32, template.Id.Length);
        Assert.Equal(
            new WorkflowTemplate(template.Id, "alice", "Expense approval", "Finance", "Approve large expenses", true, template.Tags, Yaml,
                saved.Workflow.ContentHash, 0, time.GetUtcNow()),
            template);
        Assert.Equal(["approval", "finance"], template.Tags);
        var read = await repository.GetTemplateAsync("alice", template.Id, Ct);
        Assert.Equal(template with { Tags = read!.Tags }, read);
        Assert.Equal(["approval", "finance"], read.Tags);
    }

    [Fact]
    public async Task SaveTemplateAsync_UnknownOrAnotherOwnersWorkflow_ReturnsNull()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));

        Assert.Null(await repository.SaveTemplateAsync("alice", "nothing", "T", null, null, isPublic: true, cancellationToken: Ct));
        Assert.Null(await repository.SaveTemplateAsync("bob", "orders", "T", null, null, isPublic: true, cancellationToken: Ct));
    }

    [Fact]
    public async Task UseTemplateAsync_Template_ReturnsTheSourceAsSavedAndCountsTheUse()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders", 1));
        var template = await repository.SaveTemplateAsync("alice", "orders", "Orders", null, null, isPublic: true, cancellationToken: Ct);
        await repository.SaveAsync("alice", "orders", Definition("orders", 2));

        var first = await repository.UseTemplateAsync("bob", template!.Id, Ct);
        var second = await repository.UseTemplateAsync("alice", template.Id, Ct);

        Assert.Equal(Definition("orders", 1), first!.Source);
        Assert.Equal((1, 2), (first.Template.UsageCount, second!.Template.UsageCount));
        Assert.Equal(2, (await repository.GetTemplateAsync("bob", template.Id, Ct))!.UsageCount);
    }

    [Fact]
    public async Task UseTemplateAsync_TwentyConcurrentUses_CountsEveryOne()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));
        var template = await repository.SaveTemplateAsync("alice", "orders", "Orders", null, null, isPublic: true, cancellationToken: Ct);

        var uses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => repository.UseTemplateAsync($"user{i}", template!.Id, Ct)));

        Assert.All(uses, u => Assert.Equal(Definition("orders"), u!.Source));
        Assert.Equal(Enumerable.Range(1, 20), uses.Select(u => u!.Template.UsageCount).Order());
        Assert.Equal(20, (await repository.GetTemplateAsync("alice", template!.Id, Ct))!.UsageCount);
    }

    [Fact]
    public async Task Templates_PrivateOne_IsSeenOnlyByItsOwner()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));
        var mine = await repository.SaveTemplateAsync("alice", "orders", "Private orders", null, null, isPublic: false, cancellationToken: Ct);

        Assert.NotNull(await repository.GetTemplateAsync("alice", mine!.Id, Ct));
        Assert.Null(await repository.GetTemplateAsync("bob", mine.Id, Ct));
        Assert.Null(await repository.UseTemplateAsync("bob", mine.Id, Ct));
        Assert.False(await repository.DeleteTemplateAsync("bob", mine.Id, Ct));
        Assert.Empty(await repository.ListTemplatesAsync("bob", TemplateScope.Public, cancellationToken: Ct));
        Assert.Empty(await repository.ListTemplatesAsync("alice", TemplateScope.Public, cancellationToken: Ct));
        Assert.Equal([mine.Id], (await repository.ListTemplatesAsync("alice", TemplateScope.Mine, cancellationToken: Ct)).Select(t => t.Id));
        Assert.Equal(0, (await repository.GetTemplateAsync("alice", mine.Id, Ct))!.UsageCount);
    }

    [Fact]
    public async Task ListTemplatesAsync_Scopes_PublicShowsEveryonesPublicOnesAndMineShowsTheCallersOwn()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "a", Definition("a"));
        await repository.SaveAsync("bob", "b", Definition("b"));
        var alicePublic = await repository.SaveTemplateAsync("alice", "a", "A public", "Finance", null, isPublic: true, cancellationToken: Ct);
        var alicePrivate = await repository.SaveTemplateAsync("alice", "a", "A private", "Finance", null, isPublic: false, cancellationToken: Ct);
        var bobPublic = await repository.SaveTemplateAsync("bob", "b", "B public", "HR", null, isPublic: true, cancellationToken: Ct);

        var publicForCarol = await repository.ListTemplatesAsync("carol", TemplateScope.Public, cancellationToken: Ct);
        var mineForAlice = await repository.ListTemplatesAsync("alice", TemplateScope.Mine, cancellationToken: Ct);
        var mineForCarol = await repository.ListTemplatesAsync("carol", TemplateScope.Mine, cancellationToken: Ct);

        Assert.Equal([alicePublic!.Id, bobPublic!.Id], publicForCarol.Select(t => t.Id));
        Assert.Equal([alicePrivate!.Id, alicePublic.Id], mineForAlice.Select(t => t.Id));
        Assert.Empty(mineForCarol);
        Assert.Equal("A public", (await repository.GetTemplateAsync("bob", alicePublic.Id, Ct))!.Name);
    }

    [Fact]
    public async Task ListTemplatesAsync_Category_MatchesWithoutCase()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "a", Definition("a"));
        var finance = await repository.SaveTemplateAsync("alice", "a", "Finance one", "Finance", null, isPublic: true, cancellationToken: Ct);
        await repository.SaveTemplateAsync("alice", "a", "HR one", "HR", null, isPublic: true, cancellationToken: Ct);
        await repository.SaveTemplateAsync("alice", "a", "Uncategorised", null, null, isPublic: true, cancellationToken: Ct);

        var listed = await repository.ListTemplatesAsync("bob", TemplateScope.Public, "finance", Ct);

        Assert.Equal([finance!.Id], listed.Select(t => t.Id));
        Assert.Equal("Finance", listed[0].Category);
    }

    [Fact]
    public async Task DeleteTemplateAsync_Owner_RemovesItForEveryone()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));
        var template = await repository.SaveTemplateAsync("alice", "orders", "Orders", null, null, isPublic: true, cancellationToken: Ct);

        Assert.False(await repository.DeleteTemplateAsync("bob", template!.Id, Ct));
        Assert.True(await repository.DeleteTemplateAsync("alice", template.Id, Ct));
        Assert.False(await repository.DeleteTemplateAsync("alice", template.Id, Ct));

        Assert.Null(await repository.GetTemplateAsync("alice", template.Id, Ct));
        Assert.Null(await repository.UseTemplateAsync("bob", template.Id, Ct));
        Assert.Empty(await repository.ListTemplatesAsync("bob", TemplateScope.Public, cancellationToken: Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-template")]
    [InlineData("../../etc")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task GetTemplateAsync_MalformedId_ReturnsNull(string templateId)
    {
        var repository = await azurite.CreateRepositoryAsync();

        Assert.Null(await repository.GetTemplateAsync("alice", templateId, Ct));
        Assert.Null(await repository.UseTemplateAsync("alice", templateId, Ct));
        Assert.False(await repository.DeleteTemplateAsync("alice", templateId, Ct));
    }

    [Fact]
    public async Task SaveTemplateAsync_TooManyTags_ThrowsArgumentException()
    {
        var repository = await azurite.CreateRepositoryAsync();
        await repository.SaveAsync("alice", "orders", Definition("orders"));
        var tags = Enumerable.Range(0, WorkflowRepository.MaxTags + 1).Select(i => $"tag{i}").ToList();

        await Assert.ThrowsAsync<ArgumentException>(
            () => repository.SaveTemplateAsync("alice", "orders", "Orders", null, null, isPublic: true, tags, Ct));
    }
}
