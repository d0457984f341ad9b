using FunctionsFlow.Durable.Runtime;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.Worker;

public sealed class CheckpointCacheTests
{
    [Fact]
    public void Set_OverTheCharacterBound_DropsTheLeastRecentlyUsed()
    {
        var cache = new CheckpointCache(maxChars: 20, TimeSpan.FromMinutes(1), new ManualTimeProvider());
        cache.Set("a", new CheckpointState("aaaa"));
        cache.Set("b", new CheckpointState("bbbb"));
        Assert.True(cache.TryGet("a", out _)); // a is now the most recent

        cache.Set("c", new CheckpointState("cccc"));

        Assert.True(cache.TryGet("a", out var a));
        Assert.Equal("aaaa", a.Text);
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        cache.Set("huge", new CheckpointState(new string('x', 11)));
        Assert.False(cache.TryGet("huge", out _));
    }

    [Fact]
    public void Set_DropsEntriesIdleLongerThanTheLimit_SoWaitingFlowsCostNoMemory()
    {
        var clock = new ManualTimeProvider();
        var cache = new CheckpointCache(maxChars: 1_000, TimeSpan.FromMinutes(1), clock);
        cache.Set("waiting-1", new CheckpointState("{}"));
        cache.Set("waiting-2", new CheckpointState("{}"));
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(cache.TryGet("waiting-2", out _));

        clock.Advance(TimeSpan.FromSeconds(45));
        cache.Set("new", new CheckpointState("{}"));

        Assert.False(cache.TryGet("waiting-1", out _));
        Assert.True(cache.TryGet("waiting-2", out _));
        Assert.Equal(2, cache.Count);
    }
}
