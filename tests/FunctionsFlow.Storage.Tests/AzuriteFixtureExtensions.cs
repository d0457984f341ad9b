using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Queues;
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

    public static async Task<QueueClient> NewQueueAsync(this AzuriteFixture azurite)
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName("q"));
        await queue.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        return queue;
    }

    public static async Task SendAllAsync(this QueueClient queue, params string[] texts)
    {
        foreach (var text in texts)
        {
            await queue.SendMessageAsync(text, cancellationToken: TestContext.Current.CancellationToken);
        }
    }
}
