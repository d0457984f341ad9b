using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.Tests.Engine;

public abstract partial class DurableBehaviourTests
{
    [Fact]
    public async Task Start_WithTheIdOfARunningInstance_IsRefused()
    {
        var id = await Client.StartAsync("Status");

        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.StartAsync("Status", instanceId: id));

        Assert.Equal(id, error.InstanceId);
    }

    [Fact]
    public async Task EightConcurrentStarts_OfOneId_ExactlyOneWins()
    {
        var id = NewId();
        // "Status" waits for an event, so the winner is still running while the others try.
        var starts = Enumerable.Range(0, 8).Select(_ => Task.Run(() => Client.StartAsync("Status", instanceId: id))).ToList();

        var outcomes = await Task.WhenAll(starts.Select(async t =>
        {
            try
            {
                await t;
                return "won";
            }
            catch (OrchestrationAlreadyExistsException)
            {
                return "refused";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "won"));
        Assert.Equal(7, outcomes.Count(o => o == "refused"));
        await Host.Client.RaiseEventAsync(id, "go", "once");
        Assert.Equal("once", (await Host.WaitForCompletionAsync(id)).ReadOutputAs<string>());
        Assert.Single((await Host.Client.GetHistoryAsync(id))!.OfType<History.ExecutionStartedEvent>());
    }

    [Fact]
    public async Task Start_WithTheIdOfAFinishedInstance_RunsItAgain()
    {
        var id = await Client.StartAsync("FanOutFanIn", 2);
        var first = await Host.WaitForCompletionAsync(id);

        await Client.StartAsync("FanOutFanIn", 3, id);
        await Host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Completed);
        var second = await Host.WaitForCompletionAsync(id);

        Assert.Equal(5, first.ReadOutputAs<int>());
        Assert.Equal(14, second.ReadOutputAs<int>());
        Assert.NotEqual(first.Raw.ExecutionId, second.Raw.ExecutionId);
    }

    [Fact]
    public async Task Start_WithoutReplaceFinished_IsRefusedByAFinishedInstance_AndLeavesIt()
    {
        var id = await Client.StartAsync("FanOutFanIn", 2);
        var first = await Host.WaitForCompletionAsync(id);

        var error = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Host.Client.ScheduleNewOrchestrationInstanceAsync("FanOutFanIn", 3, new Client.StartOrchestrationOptions(id, ReplaceFinished: false)));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, error.Status);
        var after = await Host.Client.GetInstanceAsync(id);
        Assert.Equal(first.Raw.ExecutionId, after!.Raw.ExecutionId);
        Assert.Equal(5, after.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Restart_AFinishedInstance_RunsWithTheSameInput()
    {
        var id = await Client.StartAsync("FanOutFanIn", 4);
        var first = await Host.WaitForCompletionAsync(id);

        var again = await Host.Client.RestartAsync(id, restartWithNewInstanceId: true);
        var second = await Host.WaitForCompletionAsync(again);

        Assert.NotEqual(id, again);
        Assert.Equal(first.ReadOutputAs<int>(), second.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Restart_ARunningInstance_IsRefused()
    {
        var id = await Client.StartAsync("Status");

        await Assert.ThrowsAsync<OrchestrationStateException>(() => Host.Client.RestartAsync(id));
    }

    [Fact]
    public async Task Purge_RemovesAFinishedInstance_AndRefusesARunningOne()
    {
        var finished = await Client.StartAsync("FanOutFanIn", 1);
        await Host.WaitForCompletionAsync(finished);
        var running = await Client.StartAsync("Status");

        Assert.True(await Host.Client.PurgeInstanceAsync(finished));
        Assert.Null(await Host.Client.GetInstanceAsync(finished));
        Assert.False(await Host.Client.PurgeInstanceAsync(finished));
        await Assert.ThrowsAsync<OrchestrationStateException>(() => Host.Client.PurgeInstanceAsync(running));
    }

    [Fact]
    public async Task PurgeInstances_ByStatusAndAge_RemovesOnlyThoseThatMatch()
    {
        var prefix = NewId("purge");
        var old = await Client.StartAsync("FanOutFanIn", 1, prefix + "-old");
        await Host.WaitForCompletionAsync(old);
        Host.Clock.Advance(TimeSpan.FromDays(2));
        var recent = await Client.StartAsync("FanOutFanIn", 1, prefix + "-recent");
        await Host.WaitForCompletionAsync(recent);

        var purged = await Host.Client.PurgeInstancesAsync(new InstanceQuery
        {
            InstanceIdPrefix = prefix,
            CreatedTo = Host.Clock.GetUtcNow().AddDays(-1),
        });

        Assert.Equal(1, purged);
        Assert.Null(await Host.Client.GetInstanceAsync(old));
        Assert.NotNull(await Host.Client.GetInstanceAsync(recent));
    }

    [Fact]
    public async Task RaiseEvent_OnUnknownOrFinishedInstances_FailsClearly()
    {
        var finished = await Client.StartAsync("FanOutFanIn", 1);
        await Host.WaitForCompletionAsync(finished);

        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => Host.Client.RaiseEventAsync(NewId(), "x"));
        var error = await Assert.ThrowsAsync<OrchestrationStateException>(() => Host.Client.RaiseEventAsync(finished, "x"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, error.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("has#hash")]
    public async Task Start_WithAnUnusableInstanceId_IsRefused(string id)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.StartAsync("Status", instanceId: id));
    }

    [Fact]
    public async Task Query_FiltersByStatusNameAndPrefix_AndPages()
    {
        var prefix = NewId("q");
        for (var i = 0; i < 5; i++)
        {
            await Host.WaitForCompletionAsync(await Client.StartAsync("FanOutFanIn", 1, $"{prefix}-done-{i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            await Client.StartAsync("Status", instanceId: $"{prefix}-wait-{i}");
        }

        await Eventually(async () => (await QueryAllAsync(new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatus = [OrchestrationRuntimeStatus.Running] })).Count == 3);

        var all = await QueryAllAsync(new InstanceQuery { InstanceIdPrefix = prefix, PageSize = 2 });
        var completed = await QueryAllAsync(new InstanceQuery { InstanceIdPrefix = prefix, RuntimeStatus = [OrchestrationRuntimeStatus.Completed] });
        var byName = await QueryAllAsync(new InstanceQuery { InstanceIdPrefix = prefix, Name = "Status" });

        Assert.Equal(8, all.Count);
        Assert.Equal(8, all.Distinct().Count());
        Assert.Equal(5, completed.Count);
        Assert.All(byName, id => Assert.Contains("-wait-", id, StringComparison.Ordinal));
        Assert.Equal(3, byName.Count);
    }

    private async Task<List<string>> QueryAllAsync(InstanceQuery query)
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var (items, next) = await Host.Client.QueryInstancesAsync(query with { ContinuationToken = token });
            Assert.True(items.Count <= query.PageSize);
            ids.AddRange(items.Select(i => i.InstanceId));
            token = next;
        }
        while (token is not null);
        return ids;
    }

    private static Task Eventually(Func<Task<bool>> condition) => Testing.Eventually.TrueAsync(condition, "the condition holds");
}
