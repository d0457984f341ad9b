using System.Text;
using System.Xml.Linq;
using Azure.Core;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Queues;

public sealed class QueueMessageTests(AzuriteFixture azurite)
{
    private const string Tricky = "<run id=\"a&b\">Zoë → 完了 🚀 ]]> 'x' &amp;</run>\r\n\ttab";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendReceiveDelete_UnicodeAndXmlSpecialText_RoundTripsAndEmptiesQueue()
    {
        var queue = await azurite.NewQueueAsync();

        var sent = await queue.SendMessageAsync(Tricky, cancellationToken: _ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));
        await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt, _ct);

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(Tricky, received.Text);
        Assert.Equal(1, received.DequeueCount);
        Assert.Equal(sent.InsertedOn, received.InsertedOn);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(_ct));
    }

    [Fact]
    public async Task SendMessage_EmptyText_RoundTrips()
    {
        var queue = await azurite.NewQueueAsync();

        await queue.SendMessageAsync(string.Empty, cancellationToken: _ct);

        Assert.Equal(string.Empty, Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct)).Text);
    }

    [Fact]
    public async Task SendMessage_WireFormat_IsBase64Utf8AsTheFunctionsTriggerExpects()
    {
        var queue = await azurite.NewQueueAsync();
        var factory = azurite.CreateFactory();
        await queue.SendMessageAsync(Tricky, cancellationToken: _ct);

        using var message = factory.Pipeline.CreateMessage(RequestMethod.Get, new Uri(queue.Uri + "/messages?peekonly=true"));
        var response = await factory.Pipeline.SendAsync(message, _ct, 200);
        var raw = XDocument.Parse(response.Content.ToString()).Descendants("MessageText").Single().Value;

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes(Tricky)), raw);
    }

    [Fact]
    public async Task ReceiveMessages_Twice_SecondGetsNothingWhileFirstIsHidden()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("job", cancellationToken: _ct);

        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(1), cancellationToken: _ct));
        var second = await queue.ReceiveMessagesAsync(cancellationToken: _ct);

        Assert.Empty(second);
        Assert.InRange(first.NextVisibleOn - first.InsertedOn, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task UpdateMessage_ZeroVisibility_MakesMessageReceivableAgainWithDequeueCount2()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("job", cancellationToken: _ct);
        var first = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));

        var update = await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero, cancellationToken: _ct);
        var again = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));

        Assert.NotEqual(first.PopReceipt, update.PopReceipt);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal("job", again.Text);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task UpdateMessage_NewText_IsWhatTheNextReceiverGets()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("attempt 1", cancellationToken: _ct);
        var first = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));

        await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero, Tricky, _ct);

        Assert.Equal(Tricky, Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct)).Text);
    }

    [Fact]
    public async Task UpdateMessage_ReturnedPopReceipt_DeletesTheMessage()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("job", cancellationToken: _ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));

        var update = await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(1), cancellationToken: _ct);
        await queue.DeleteMessageAsync(received.MessageId, update.PopReceipt, _ct);

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync(_ct));
    }

    [Fact]
    public async Task UpdateMessage_OldPopReceiptAfterUpdate_Throws400PopReceiptMismatch()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendMessageAsync("job", cancellationToken: _ct);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));
        await queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.FromMinutes(1), cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(
            () => queue.UpdateMessageAsync(received.MessageId, received.PopReceipt, TimeSpan.Zero, cancellationToken: _ct));

        // Azurite answers as Azure's error-code table documents: 400 PopReceiptMismatch.
        Assert.Equal(400, error.Status);
        Assert.Equal("PopReceiptMismatch", error.ErrorCode);
    }

    [Fact]
    public async Task DeleteMessage_StalePopReceipt_Throws400PopReceiptMismatchAndKeepsMessage()
    {
        var queue = await azurite.NewQueueAsync();
        var sent = await queue.SendMessageAsync("job", cancellationToken: _ct);
        await queue.ReceiveMessagesAsync(cancellationToken: _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt, _ct));

        Assert.Equal(400, error.Status);
        Assert.Equal("PopReceiptMismatch", error.ErrorCode);
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync(_ct));
    }

    [Fact]
    public async Task DeleteMessage_UnknownMessage_Throws404MessageNotFound()
    {
        var queue = await azurite.NewQueueAsync();
        var sent = await queue.SendMessageAsync("job", cancellationToken: _ct);
        await queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt, _ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => queue.DeleteMessageAsync(sent.MessageId, sent.PopReceipt, _ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("MessageNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task SendMessage_VisibilityDelay_PeekSeesNothingButCountIsOne()
    {
        var queue = await azurite.NewQueueAsync();

        var sent = await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromMinutes(2), cancellationToken: _ct);

        Assert.Empty(await queue.PeekMessagesAsync(cancellationToken: _ct));
        Assert.Empty(await queue.ReceiveMessagesAsync(cancellationToken: _ct));
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync(_ct));
        Assert.Equal(TimeSpan.FromMinutes(2), sent.NextVisibleOn - sent.InsertedOn);
    }

    [Fact]
    public async Task ReceiveMessages_UpToN_ReturnsAtMostNInSendOrder()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendAllAsync("m0", "m1", "m2", "m3", "m4");

        var first = await queue.ReceiveMessagesAsync(3, cancellationToken: _ct);
        var rest = await queue.ReceiveMessagesAsync(32, cancellationToken: _ct);

        Assert.Equal(["m0", "m1", "m2"], first.Select(m => m.Text));
        Assert.Equal(["m3", "m4"], rest.Select(m => m.Text));
    }

    [Fact]
    public async Task SendMessage_TimeToLive_IsReflectedInExpiresOn()
    {
        var queue = await azurite.NewQueueAsync();

        var sent = await queue.SendMessageAsync("ttl", timeToLive: TimeSpan.FromHours(1), cancellationToken: _ct);
        var peeked = Assert.Single(await queue.PeekMessagesAsync(cancellationToken: _ct));

        Assert.Equal(TimeSpan.FromHours(1), sent.ExpiresOn - sent.InsertedOn);
        Assert.Equal(sent.ExpiresOn, peeked.ExpiresOn);
    }

    [Fact]
    public async Task SendMessage_DefaultTimeToLive_IsSevenDays()
    {
        var queue = await azurite.NewQueueAsync();

        var sent = await queue.SendMessageAsync("ttl", cancellationToken: _ct);

        Assert.Equal(TimeSpan.FromDays(7), sent.ExpiresOn - sent.InsertedOn);
    }

    [Fact]
    public async Task SendMessage_InfiniteTimeToLive_NeverExpires()
    {
        var queue = await azurite.NewQueueAsync();

        var sent = await queue.SendMessageAsync("forever", timeToLive: Timeout.InfiniteTimeSpan, cancellationToken: _ct);

        Assert.Equal(9999, sent.ExpiresOn.Year);
    }

    [Fact]
    public async Task SendMessage_AtTheEncodedLimit_IsAccepted()
    {
        var queue = await azurite.NewQueueAsync();
        var text = new string('x', QueueClient.MaxEncodedMessageLength / 4 * 3);

        await queue.SendMessageAsync(text, cancellationToken: _ct);

        Assert.Equal(text, Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct)).Text);
    }

    [Fact]
    public async Task SendMessage_OverTheEncodedLimit_ThrowsArgumentException()
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());
        var text = new string('x', (QueueClient.MaxEncodedMessageLength / 4 * 3) + 1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(text, cancellationToken: _ct));

        Assert.Equal("text", error.ParamName);
    }

    [Fact]
    public async Task UpdateMessage_OverTheEncodedLimit_ThrowsArgumentException()
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());
        var text = new string('é', QueueClient.MaxEncodedMessageLength / 2);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.UpdateMessageAsync("id", "receipt", TimeSpan.Zero, text, _ct));

        Assert.Equal("text", error.ParamName);
    }

    [Fact]
    public async Task PeekMessages_Repeatedly_DoesNotChangeDequeueCountOrVisibility()
    {
        var queue = await azurite.NewQueueAsync();
        var sent = await queue.SendMessageAsync("job", cancellationToken: _ct);

        var firstPeek = Assert.Single(await queue.PeekMessagesAsync(cancellationToken: _ct));
        var secondPeek = Assert.Single(await queue.PeekMessagesAsync(cancellationToken: _ct));
        var received = Assert.Single(await queue.ReceiveMessagesAsync(cancellationToken: _ct));

        Assert.Equal(new PeekedMessage(sent.MessageId, "job", 0, sent.InsertedOn, sent.ExpiresOn), firstPeek);
        Assert.Equal(firstPeek, secondPeek);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task PeekMessages_UpToN_ReturnsVisibleMessagesOnly()
    {
        var queue = await azurite.NewQueueAsync();
        await queue.SendAllAsync("a", "b");
        await queue.SendMessageAsync("hidden", visibilityDelay: TimeSpan.FromMinutes(1), cancellationToken: _ct);

        var peeked = await queue.PeekMessagesAsync(32, _ct);

        Assert.Equal(["a", "b"], peeked.Select(m => m.Text));
    }

    [Theory]
    [InlineData(-1_000)]
    [InlineData(1_500)]
    [InlineData(8 * 24 * 3600 * 1000L)]
    public async Task SendMessage_VisibilityDelayOutOfRange_ThrowsArgumentOutOfRange(long milliseconds)
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => queue.SendMessageAsync("m", visibilityDelay: TimeSpan.FromMilliseconds(milliseconds), cancellationToken: _ct));
    }

    [Fact]
    public async Task ReceiveMessages_ZeroVisibilityTimeout_ThrowsArgumentOutOfRange()
    {
        var queue = azurite.CreateFactory().GetQueueClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.Zero, cancellationToken: _ct));
    }
}
