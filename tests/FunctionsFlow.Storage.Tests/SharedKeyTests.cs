using Azure.Core;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests;

public sealed class SharedKeyTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData(StorageServiceKind.Blob, "?restype=container", 201)]
    [InlineData(StorageServiceKind.Queue, "", 201)]
    public async Task SignedCreate_ForBlobAndQueue_IsAccepted(StorageServiceKind service, string query, int expected)
    {
        var pipeline = azurite.CreateFactory().Pipeline;
        var name = AzuriteFixture.NewName();
        using var message = pipeline.CreateMessage(RequestMethod.Put, new Uri(azurite.Account.GetEndpoint(service) + "/" + name + query));

        var response = await pipeline.SendAsync(message, TestContext.Current.CancellationToken, expected);

        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task SignedRequest_WithWrongKey_IsRefusedWith403()
    {
        var wrong = StorageAccount.Parse(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Convert.ToBase64String(new byte[64])};" +
            $"QueueEndpoint={azurite.Account.QueueEndpoint};BlobEndpoint={azurite.Account.BlobEndpoint};TableEndpoint={azurite.Account.TableEndpoint}");
        var pipeline = new StorageClientFactory(wrong, AzuriteFixture.FastRetryOptions()).Pipeline;
        using var message = pipeline.CreateMessage(RequestMethod.Put, new Uri(wrong.QueueEndpoint + "/" + AzuriteFixture.NewName()));

        var error = await Assert.ThrowsAsync<StorageException>(() => pipeline.SendAsync(message, TestContext.Current.CancellationToken, 201).AsTask());

        Assert.Equal(403, error.Status);
        Assert.Equal("AuthenticationFailed", error.ErrorCode);
    }

    [Fact]
    public async Task SignedTableCreate_IsAccepted()
    {
        var pipeline = azurite.CreateFactory().Pipeline;
        using var message = pipeline.CreateMessage(RequestMethod.Post, new Uri(azurite.Account.TableEndpoint + "/Tables"));
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Accept", "application/json;odata=nometadata");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(BinaryData.FromString($$"""{"TableName":"{{AzuriteFixture.NewName()}}"}"""));

        var response = await pipeline.SendAsync(message, TestContext.Current.CancellationToken, 204);

        Assert.Equal(204, response.Status);
    }
}
