using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;
using static FunctionsFlow.Workflows.Tests.Repository.RepositoryTestContext;

namespace FunctionsFlow.Workflows.Tests.Repository;

public sealed class WorkflowStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public void WorkflowStorageNames_TaskHub_NamesTheTablesAndContainerAfterIt()
    {
        var names = new WorkflowStorageNames("MyHub");

        Assert.Equal(("MyHubWorkflows", "MyHubTemplates", "myhub-workflows"), (names.WorkflowsTable, names.TemplatesTable, names.Container));
    }

    [Theory]
    [InlineData("")]
    [InlineData("9hub")]
    [InlineData("my-hub")]
    public void WorkflowStorageNames_BadTaskHub_ThrowsArgumentException(string taskHubName) =>
        Assert.Throws<ArgumentException>(() => new WorkflowStorageNames(taskHubName));

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_SucceedsAndDeleteStorageAsyncRemovesEverything()
    {
        var factory = azurite.CreateFactory();
        var repository = await azurite.CreateRepositoryAsync();
        await repository.CreateIfNotExistsAsync(Ct);
        await repository.SaveAsync("alice", "orders", Definition("orders"));

        await repository.DeleteStorageAsync(Ct);

        Assert.False(await factory.GetBlobContainerClient(repository.Names.Container).ExistsAsync(Ct));
        var tables = await factory.ListTablesAsync(repository.Names.WorkflowsTable[..^"Workflows".Length], Ct).ToListAsync(Ct);
        Assert.Empty(tables);
    }
}
