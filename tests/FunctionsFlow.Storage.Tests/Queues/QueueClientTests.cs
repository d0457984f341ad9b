using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Queues;

public sealed class QueueClientTests(AzuriteFixture azurite)
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateIfNotExists_Twice_CreatesOnceAndSucceedsBoth()
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());

        Assert.True(await queue.CreateIfNotExistsAsync(_ct));
        Assert.False(await queue.CreateIfNotExistsAsync(_ct));
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(_ct));
    }

    [Fact]
    public async Task Delete_ExistingQueue_LaterRequestsThrow404QueueNotFound()
    {
        var queue = await azurite.NewQueueAsync();

        await queue.DeleteAsync(_ct);
        var error = await Assert.ThrowsAsync<StorageException>(() => queue.GetApproximateMessageCountAsync(_ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SendMessage_UnknownQueue_Throws404QueueNotFound()
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());

        var error = await Assert.ThrowsAsync<StorageException>(() => queue.SendMessageAsync("m", cancellationToken: _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("QueueNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetApproximateMessageCount_AfterSends_CountsVisibleAndHiddenMessages()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendAllAsync("a", "b");
        await queue.SendMessageAsync("c", visibilityDelay: TimeSpan.FromMinutes(5), cancellationToken: _ct);
        await queue.ReceiveMessagesAsync(cancellationToken: _ct);

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync(_ct));
    }

    [Fact]
    public async Task ClearMessages_WithMessages_LeavesQueueEmpty()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("a", cancellationToken: _ct);
        await queue.SendMessageAsync("b", visibilityDelay: TimeSpan.FromMinutes(5), cancellationToken: _ct);

        await queue.ClearMessagesAsync(_ct);

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(_ct));
        Assert.Empty(await queue.PeekMessagesAsync(32, _ct));
    }

    [Fact]
    public async Task SendAndReceive_CancelledToken_ThrowOperationCanceled()
    {
        var queue = await azurite.NewQueueAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.SendMessageAsync("m", cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.ReceiveMessagesAsync(cancellationToken: cancelled.Token));
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(_ct));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Queue")]
    [InlineData("-queue")]
    [InlineData("queue-")]
    [InlineData("q--q")]
    [InlineData("q.q")]
    public void GetQueueClient_InvalidName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => azurite.CreateFactory().GetQueueClient(name));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task ReceiveAndPeek_MaxMessagesOutOfRange_ThrowArgumentOutOfRange(int maxMessages)
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(maxMessages, cancellationToken: _ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.PeekMessagesAsync(maxMessages, _ct));
    }
}
