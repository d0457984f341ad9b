using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Workflows.Tests.Repository;

/// <summary>A repository on its own task hub in the shared Azurite, with a manual clock.</summary>
internal static class RepositoryTestContext
{
    public const string Yaml = WorkflowContentTypes.Yaml;

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<WorkflowRepository> CreateRepositoryAsync(this AzuriteFixture azurite, TimeProvider? time = null)
    {
        var repository = new WorkflowRepository(azurite.CreateFactory(), AzuriteFixture.NewName("wf"), time ?? new ManualTimeProvider());
        await repository.CreateIfNotExistsAsync(Ct);
        return repository;
    }

    public static string Definition(string name, int steps = 1) =>
        $"name: {name}\nsteps:\n" + string.Concat(Enumerable.Range(1, steps).Select(i => $"  - id: s{i}\n    set:\n      n: {i}\n"));

    public static Task<SaveDraftResult> SaveAsync(
        this WorkflowRepository repository, string owner, string workflowId, string source, string? ifMatch = null) =>
        repository.SaveDraftAsync(owner, workflowId, "Name of " + workflowId, "About " + workflowId, source, Yaml, ifMatch, Ct);
}
