using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Pipeline;

public sealed class RetryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(408)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task TransientStatus_IsRetried_UntilTheServiceAnswers(int status)
    {
        var transport = new FlakyTransport(failures: 2, status);
        var options = AzuriteFixture.FastRetryOptions();
        options.Transport = transport;
        var queue = new StorageClientFactory(azurite.Account, options).GetQueueClient(AzuriteFixture.NewName("q"));

        var created = await queue.CreateIfNotExistsAsync(Ct);

        Assert.True(created);
        Assert.Equal(3, transport.Attempts);
    }

    [Fact]
    public async Task TransientStatus_BeyondTheRetryBudget_Throws()
    {
        var transport = new FlakyTransport(failures: 100, 503);
        var options = AzuriteFixture.FastRetryOptions();
        options.Transport = transport;
        var queue = new StorageClientFactory(azurite.Account, options).GetQueueClient(AzuriteFixture.NewName("q"));

        var error = await Assert.ThrowsAsync<StorageException>(() => queue.CreateIfNotExistsAsync(Ct));

        Assert.Equal(503, error.Status);
        Assert.Equal(options.Retry.MaxRetries + 1, transport.Attempts);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(403)]
    [InlineData(412)]
    public async Task ClientError_IsNotRetried(int status)
    {
        var transport = new FlakyTransport(failures: 1, status);
        var options = AzuriteFixture.FastRetryOptions();
        options.Transport = transport;
        var queue = new StorageClientFactory(azurite.Account, options).GetQueueClient(AzuriteFixture.NewName("q"));

        var error = await Assert.ThrowsAsync<StorageException>(() => queue.CreateIfNotExistsAsync(Ct));

        Assert.Equal(status, error.Status);
        Assert.Equal(1, transport.Attempts);
    }
}
