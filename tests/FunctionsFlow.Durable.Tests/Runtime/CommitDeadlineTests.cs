using System.Diagnostics;
using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.Tests.Runtime;

public sealed class CommitDeadlineTests
{
    [Theory]
    [InlineData(4, 3)]
    [InlineData(60, 45)]
    [InlineData(300, 285)]
    public void TheDeadline_LeavesAQuarterOfTheInvisibility_AtMost15Seconds(int visibilitySeconds, int deadlineSeconds)
    {
        var deadline = ReceivedWorkItem.CommitDeadline(0, TimeSpan.FromSeconds(visibilitySeconds));

        Assert.Equal(deadlineSeconds * Stopwatch.Frequency, deadline);
    }

    [Fact]
    public void AMessagePastItsDeadline_IsEnding_AndOneWithout_IsNot()
    {
        var item = new OrchestrationWorkItem("m", "i", null, new History.EventRaisedEvent(DateTimeOffset.UnixEpoch, "e", null, "m"));
        var past = new ReceivedWorkItem(item, "q", 1, DateTimeOffset.UnixEpoch) { CommitDeadlineTimestamp = Stopwatch.GetTimestamp() - 1 };
        var future = new ReceivedWorkItem(item, "q", 1, DateTimeOffset.UnixEpoch) { CommitDeadlineTimestamp = ReceivedWorkItem.CommitDeadline(Stopwatch.GetTimestamp(), TimeSpan.FromMinutes(5)) };
        var unbounded = new ReceivedWorkItem(item, "q", 1, DateTimeOffset.UnixEpoch);

        Assert.True(past.IsLeaseEnding);
        Assert.False(future.IsLeaseEnding);
        Assert.False(unbounded.IsLeaseEnding);
    }
}
