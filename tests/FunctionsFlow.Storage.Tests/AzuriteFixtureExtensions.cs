using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests;

/// <summary>Fresh, existing resources of the test's own on the shared Azurite.</summary>
internal static class AzuriteFixtureExtensions
{
    public static async Task<BlobContainerClient> NewContainerAsync(this AzuriteFixture azurite)
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName("c"));
        await container.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        return container;
    }
}
