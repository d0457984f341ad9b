using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Blobs;

public sealed class BlobContainerTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateIfNotExists_Twice_CreatesOnceAndSucceedsBoth()
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName());

        Assert.False(await container.ExistsAsync(_ct));
        Assert.True(await container.CreateIfNotExistsAsync(_ct));
        Assert.False(await container.CreateIfNotExistsAsync(_ct));
        Assert.True(await container.ExistsAsync(_ct));
    }

    [Fact]
    public async Task Delete_ExistingContainer_RemovesIt()
    {
        var container = await azurite.NewContainerAsync();

        await container.DeleteAsync(_ct);

        Assert.False(await container.ExistsAsync(_ct));
    }

    [Fact]
    public async Task Delete_UnknownContainer_Throws404ContainerNotFound()
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName());

        var error = await Assert.ThrowsAsync<StorageException>(() => container.DeleteAsync(_ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Upper")]
    [InlineData("-starts-with-dash")]
    [InlineData("ends-with-dash-")]
    [InlineData("double--dash")]
    [InlineData("under_score")]
    public void GetBlobContainerClient_InvalidName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.CreateFactory().GetBlobContainerClient(name));
    }

    [Fact]
    public void GetBlobContainerClient_LongestValidName_IsAccepted()
    {
        var name = new string('a', 31) + "-" + new string('9', 31);

        Assert.Equal(name, azurite.CreateFactory().GetBlobContainerClient(name).Name);
    }
}
