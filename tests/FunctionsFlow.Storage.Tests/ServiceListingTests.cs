using System.Globalization;
using FunctionsFlow.Storage.Pipeline;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests;

public sealed class ServiceListingTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListNames_SmallPages_FollowsMarkersToEveryPrefixedContainerAndQueue()
    {
        var factory = azurite.CreateFactory();
        var prefix = AzuriteFixture.NewName("p") + "-";
        var names = Enumerable.Range(0, 5).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        foreach (var name in names)
        {
            await factory.GetBlobContainerClient(name).CreateIfNotExistsAsync(_ct);
            await factory.GetQueueClient(name).CreateIfNotExistsAsync(_ct);
        }

        var containers = await ServiceListing.ListNamesAsync(factory.Pipeline, StorageServiceKind.Blob, prefix, _ct, pageSize: 2).ToListAsync(_ct);
        var queues = await ServiceListing.ListNamesAsync(factory.Pipeline, StorageServiceKind.Queue, prefix, _ct, pageSize: 2).ToListAsync(_ct);

        Assert.Equal(names, containers);
        Assert.Equal(names, queues);
    }

    [Theory]
    [InlineData(StorageServiceKind.Blob)]
    [InlineData(StorageServiceKind.Queue)]
    public async Task ListContainersAndQueues_ByPrefix_ReturnExactlyThePrefixedNames(StorageServiceKind service)
    {
        var factory = azurite.CreateFactory();
        var prefix = AzuriteFixture.NewName("l") + "-";
        string[] names = [prefix + "a", prefix + "b", prefix + "c"];
        foreach (var name in names)
        {
            _ = service == StorageServiceKind.Blob
                ? await factory.GetBlobContainerClient(name).CreateIfNotExistsAsync(_ct)
                : await factory.GetQueueClient(name).CreateIfNotExistsAsync(_ct);
        }

        var listed = service == StorageServiceKind.Blob ? factory.ListContainersAsync(prefix, _ct) : factory.ListQueuesAsync(prefix, _ct);

        Assert.Equal(names, await listed.ToListAsync(_ct));
    }
}
