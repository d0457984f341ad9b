using System.Globalization;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Blobs;

public sealed class BlobListingTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ListBlobs_ByPrefixWithMaxResults_PagesThroughExactNames()
    {
        var container = await azurite.NewContainerAsync();
        var expected = await UploadAsync(container, "runs/", 25);
        await UploadAsync(container, "other/", 7);

        var first = await container.ListBlobsAsync("runs/", maxResults: 10, cancellationToken: _ct);
        var second = await container.ListBlobsAsync("runs/", 10, first.ContinuationToken, _ct);
        var third = await container.ListBlobsAsync("runs/", 10, second.ContinuationToken, _ct);

        Assert.Equal(expected[..10], first.Items.Select(b => b.Name));
        Assert.Equal(expected[10..20], second.Items.Select(b => b.Name));
        Assert.Equal(expected[20..], third.Items.Select(b => b.Name));
        Assert.NotNull(first.ContinuationToken);
        Assert.NotNull(second.ContinuationToken);
        Assert.Null(third.ContinuationToken);
    }

    [Fact]
    public async Task ListBlobs_Items_CarryLengthETagDateAndContentType()
    {
        var container = await azurite.NewContainerAsync();
        var info = await container.UploadAsync(
            "doc.json", BinaryData.FromString("{}"), new BlobUploadOptions { ContentType = "application/json" }, _ct);

        var item = Assert.Single((await container.ListBlobsAsync(cancellationToken: _ct)).Items);

        Assert.Equal(new BlobItem("doc.json", 2, info.ETag, info.LastModified, "application/json"), item);
    }

    [Fact]
    public async Task ListBlobs_EmptyContainer_ReturnsNoItemsAndNoToken()
    {
        var container = await azurite.NewContainerAsync();

        var page = await container.ListBlobsAsync(cancellationToken: _ct);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task GetBlobs_SmallPages_FollowsMarkersToEveryPrefixedBlob()
    {
        var container = await azurite.NewContainerAsync();
        var expected = await UploadAsync(container, "runs/", 25);
        await UploadAsync(container, "other/", 7);

        var names = await container.GetBlobsAsync("runs/", pageSize: 4, _ct).Select(b => b.Name).ToListAsync(_ct);

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task GetBlobs_NoPrefix_ListsAllBlobs()
    {
        var container = await azurite.NewContainerAsync();
        var runs = await UploadAsync(container, "runs/", 3);
        var other = await UploadAsync(container, "other/", 2);

        var names = await container.GetBlobsAsync(cancellationToken: _ct).Select(b => b.Name).ToListAsync(_ct);

        Assert.Equal([.. other, .. runs], names);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5001)]
    public async Task ListBlobs_MaxResultsOutOfRange_ThrowsArgumentOutOfRange(int maxResults)
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => container.ListBlobsAsync(maxResults: maxResults, cancellationToken: _ct));
    }

    private async Task<string[]> UploadAsync(BlobContainerClient container, string prefix, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => prefix + i.ToString("D3", CultureInfo.InvariantCulture)).ToArray();
        await Task.WhenAll(names.Select(name => container.UploadAsync(name, BinaryData.FromString(name), cancellationToken: _ct)));
        return names;
    }
}
