using System.Text;
using Azure;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Blobs;

public sealed class BlobReadWriteTests(AzuriteFixture azurite)
{
    private static readonly BinaryData First = BinaryData.FromString("first");
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upload_SmallBlobWithContentTypeAndMetadata_RoundTrips()
    {
        var container = await azurite.NewContainerAsync();
        var content = Encoding.UTF8.GetBytes("{\"state\":\"running\",\"name\":\"Zoë\"}");
        var options = new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["instanceId"] = "i-42", ["kind"] = "history" },
        };

        var info = await container.UploadAsync("runs/i-42/state.json", new MemoryStream(content), options, _ct);
        await using var download = await container.DownloadStreamingAsync("runs/i-42/state.json", cancellationToken: _ct);
        using var read = new MemoryStream();
        await download.Content.CopyToAsync(read, _ct);

        Assert.Equal(content, read.ToArray());
        Assert.Equal(info.ETag, download.Properties.ETag);
        Assert.Equal(content.Length, download.Properties.ContentLength);
        Assert.Equal("application/json", download.Properties.ContentType);
        Assert.Equal("i-42", download.Properties.Metadata["instanceId"]);
        Assert.Equal("history", download.Properties.Metadata["kind"]);
        Assert.Equal(2, download.Properties.Metadata.Count);
    }

    [Fact]
    public async Task Upload_EmptyBlob_RoundTripsWithZeroLength()
    {
        var container = await azurite.NewContainerAsync();

        await container.UploadAsync("empty", BinaryData.Empty, new BlobUploadOptions { ContentType = "text/plain" }, _ct);
        var properties = await container.GetPropertiesAsync("empty", cancellationToken: _ct);
        var content = await container.DownloadContentAsync("empty", _ct);

        Assert.Equal(0, properties.ContentLength);
        Assert.Equal("text/plain", properties.ContentType);
        Assert.True(content.IsEmpty);
    }

    [Fact]
    public async Task Upload_Overwrite_ReplacesContentAndChangesETag()
    {
        var container = await azurite.NewContainerAsync();
        var first = await container.UploadAsync("b", First, cancellationToken: _ct);

        var second = await container.UploadAsync("b", BinaryData.FromString("second"), cancellationToken: _ct);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.Equal("second", (await container.DownloadContentAsync("b", _ct)).ToString());
    }

    [Fact]
    public async Task Upload_CreateOnlyWhenBlobExists_Throws409BlobAlreadyExists()
    {
        var container = await azurite.NewContainerAsync();
        var createOnly = new BlobUploadOptions { Conditions = BlobRequestConditions.CreateOnly };
        await container.UploadAsync("once", First, createOnly, _ct);

        var error = await Assert.ThrowsAsync<StorageException>(
            () => container.UploadAsync("once", BinaryData.FromString("again"), createOnly, _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("BlobAlreadyExists", error.ErrorCode);
        Assert.Equal("first", (await container.DownloadContentAsync("once", _ct)).ToString());
    }

    [Fact]
    public async Task Upload_IfMatchCurrentETag_Succeeds()
    {
        var container = await azurite.NewContainerAsync();
        var first = await container.UploadAsync("b", First, cancellationToken: _ct);

        var second = await container.UploadAsync(
            "b", BinaryData.FromString("second"), new BlobUploadOptions { Conditions = new() { IfMatch = first.ETag } }, _ct);

        Assert.Equal(second.ETag, (await container.GetPropertiesAsync("b", cancellationToken: _ct)).ETag);
    }

    [Theory]
    [InlineData("upload")]
    [InlineData("download")]
    [InlineData("delete")]
    public async Task WriteReadOrDelete_IfMatchStaleETag_Throws412ConditionNotMetAndKeepsContent(string operation)
    {
        var container = await azurite.NewContainerAsync();
        var stale = await container.UploadAsync("b", BinaryData.FromString("v1"), cancellationToken: _ct);
        await container.UploadAsync("b", BinaryData.FromString("v2"), cancellationToken: _ct);
        var conditions = new BlobRequestConditions { IfMatch = stale.ETag };
        Func<Task> act = operation switch
        {
            "upload" => () => container.UploadAsync("b", BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = conditions }, _ct),
            "download" => () => container.DownloadStreamingAsync("b", conditions, _ct),
            _ => () => container.DeleteAsync("b", conditions, _ct),
        };

        var error = await Assert.ThrowsAsync<StorageException>(act);

        Assert.Equal(412, error.Status);
        Assert.Equal("ConditionNotMet", error.ErrorCode);
        Assert.Equal("v2", (await container.DownloadContentAsync("b", _ct)).ToString());
    }

    [Theory]
    [InlineData("download")]
    [InlineData("download-content")]
    [InlineData("properties")]
    [InlineData("delete")]
    public async Task ReadOrDelete_UnknownBlob_Throws404BlobNotFound(string operation)
    {
        var container = await azurite.NewContainerAsync();
        Func<Task> act = operation switch
        {
            "download" => () => container.DownloadStreamingAsync("missing", cancellationToken: _ct),
            "download-content" => () => container.DownloadContentAsync("missing", _ct),
            "properties" => () => container.GetPropertiesAsync("missing", cancellationToken: _ct),
            _ => () => container.DeleteAsync("missing", cancellationToken: _ct),
        };

        var error = await Assert.ThrowsAsync<StorageException>(act);

        Assert.Equal(404, error.Status);
        Assert.Equal("BlobNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteIfExists_ExistingThenUnknown_ReturnsTrueThenFalse()
    {
        var container = await azurite.NewContainerAsync();
        await container.UploadAsync("b", First, cancellationToken: _ct);

        Assert.True(await container.DeleteIfExistsAsync("b", cancellationToken: _ct));
        Assert.False(await container.DeleteIfExistsAsync("b", cancellationToken: _ct));
        await Assert.ThrowsAsync<StorageException>(() => container.GetPropertiesAsync("b", cancellationToken: _ct));
    }

    [Fact]
    public async Task Upload_StreamOfSeveralBlocks_CommitsWholeContentWithOptions()
    {
        var container = await azurite.NewContainerAsync();
        var content = new byte[BlobContainerClient.BlockSize + 1000];
        new Random(7).NextBytes(content);
        var options = new BlobUploadOptions { ContentType = "application/x-test", Metadata = new Dictionary<string, string> { ["k"] = "v" } };

        var info = await container.UploadAsync("blocks", new MemoryStream(content), options, _ct);
        var properties = await container.GetPropertiesAsync("blocks", cancellationToken: _ct);

        Assert.Equal(info.ETag, properties.ETag);
        Assert.Equal(content.Length, properties.ContentLength);
        Assert.Equal("application/x-test", properties.ContentType);
        Assert.Equal("v", properties.Metadata["k"]);
        Assert.Equal(content, (await container.DownloadContentAsync("blocks", _ct)).ToArray());
    }

    [Fact]
    public async Task Upload_StreamOfSeveralBlocksCreateOnlyWhenBlobExists_Throws409()
    {
        var container = await azurite.NewContainerAsync();
        await container.UploadAsync("b", First, cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => container.UploadAsync(
            "b",
            new MemoryStream(new byte[BlobContainerClient.BlockSize * 2]),
            new BlobUploadOptions { Conditions = BlobRequestConditions.CreateOnly },
            _ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("first", (await container.DownloadContentAsync("b", _ct)).ToString());
    }

    [Fact]
    public async Task Upload_IntoUnknownContainer_Throws404ContainerNotFound()
    {
        var container = azurite.CreateFactory().GetBlobContainerClient(AzuriteFixture.NewName());

        var error = await Assert.ThrowsAsync<StorageException>(() => container.UploadAsync("b", First, cancellationToken: _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("ContainerNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task Upload_NameWithSpacesAndUnicode_RoundTrips()
    {
        var container = await azurite.NewContainerAsync();
        const string name = "runs/2024 q1/résumé #1.json";

        await container.UploadAsync(name, First, cancellationToken: _ct);

        Assert.Equal("first", (await container.DownloadContentAsync(name, _ct)).ToString());
        Assert.Equal(name, Assert.Single((await container.ListBlobsAsync(cancellationToken: _ct)).Items).Name);
    }

    [Fact]
    public async Task GetProperties_AfterUpload_MatchesUploadInfo()
    {
        var container = await azurite.NewContainerAsync();
        var info = await container.UploadAsync("b", First, cancellationToken: _ct);

        var properties = await container.GetPropertiesAsync("b", cancellationToken: _ct);

        Assert.Equal(info.ETag, properties.ETag);
        Assert.Equal(info.LastModified, properties.LastModified);
        Assert.Equal("application/octet-stream", properties.ContentType);
        Assert.Empty(properties.Metadata);
        Assert.NotEqual(default, properties.ETag);
        Assert.NotEqual(ETag.All, properties.ETag);
    }
}
