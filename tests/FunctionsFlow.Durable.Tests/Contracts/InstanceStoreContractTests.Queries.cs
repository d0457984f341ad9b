using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.Tests.Contracts;

public abstract partial class InstanceStoreContractTests
{
    [Fact]
    public async Task QueryAsync_NoInstances_ReturnsEmptyLastPage()
    {
        var page = await Store.QueryAsync(new InstanceQuery(), Ct);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_ByStatus_ReturnsOnlyThoseStatuses()
    {
        await SeedAsync(
            Metadata("a", status: OrchestrationRuntimeStatus.Pending),
            Metadata("b", status: OrchestrationRuntimeStatus.Running),
            Metadata("c", status: OrchestrationRuntimeStatus.Completed),
            Metadata("d", status: OrchestrationRuntimeStatus.Failed));

        var ids = await QueryIdsAsync(new InstanceQuery { RuntimeStatus = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Completed] });

        Assert.Equal(["b", "c"], ids);
    }

    [Fact]
    public async Task QueryAsync_ByCreatedRange_IncludesFromAndExcludesTo()
    {
        await SeedAsync(
            Metadata("a", createdAt: T0.AddTicks(-1)),
            Metadata("b", createdAt: T0),
            Metadata("c", createdAt: T0.AddSeconds(1).AddTicks(-1)),
            Metadata("d", createdAt: T0.AddSeconds(1)));

        Assert.Equal(["b", "c"], await QueryIdsAsync(new InstanceQuery { CreatedFrom = T0, CreatedTo = T0.AddSeconds(1) }));
        Assert.Equal(["b", "c", "d"], await QueryIdsAsync(new InstanceQuery { CreatedFrom = T0.ToOffset(TimeSpan.FromHours(2)) }));
        Assert.Equal(["a"], await QueryIdsAsync(new InstanceQuery { CreatedTo = T0 }));
    }

    [Fact]
    public async Task QueryAsync_ByName_MatchesWithoutCase()
    {
        await SeedAsync(Metadata("a", name: "Greet"), Metadata("b", name: "GREET"), Metadata("c", name: "Greeting"), Metadata("d", name: "Other"));

        Assert.Equal(["a", "b"], await QueryIdsAsync(new InstanceQuery { Name = "greet" }));
    }

    [Fact]
    public async Task QueryAsync_ByIdPrefix_ReturnsIdsStartingWithIt()
    {
        await SeedAsync(Metadata("order-1"), Metadata("order-2"), Metadata("orders"), Metadata("order"), Metadata("other"));

        Assert.Equal(["order-1", "order-2"], await QueryIdsAsync(new InstanceQuery { InstanceIdPrefix = "order-" }));
    }

    [Fact]
    public async Task QueryAsync_ByTag_ReturnsExactKeyAndValueMatchesOnly()
    {
        var longValue = new string('v', 2_000);
        await SeedAsync(
            Tagged("a", ("workflow", "wf1")),
            Tagged("b", ("workflow", "wf10")),
            Tagged("c", ("workflow", "wf1"), ("user", "ann")),
            Tagged("d", ("Workflow", "wf1")),
            Tagged("e"),
            Tagged("f", ("user id", "ann")),
            Tagged("g", ("user_id", "ann")),
            Tagged("h", ("user.id", longValue)),
            Tagged("i", ("user.id", longValue + "w")));

        Assert.Equal(["a", "c"], await QueryIdsAsync(new InstanceQuery { Tag = new("workflow", "wf1") }));
        Assert.Equal(["f"], await QueryIdsAsync(new InstanceQuery { Tag = new("user id", "ann") }));
        Assert.Equal(["g"], await QueryIdsAsync(new InstanceQuery { Tag = new("user_id", "ann") }));
        Assert.Equal(["h"], await QueryIdsAsync(new InstanceQuery { Tag = new("user.id", longValue) }));
    }

    [Fact]
    public async Task QueryAsync_SeveralFilters_ReturnsInstancesPassingAll()
    {
        await SeedAsync(
            Tagged("run-1", ("owner", "ann")) with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            Tagged("run-2", ("owner", "bob")) with { RuntimeStatus = OrchestrationRuntimeStatus.Running },
            Tagged("run-3", ("owner", "ann")) with { RuntimeStatus = OrchestrationRuntimeStatus.Completed },
            Tagged("job-1", ("owner", "ann")) with { RuntimeStatus = OrchestrationRuntimeStatus.Running });

        var query = new InstanceQuery
        {
            RuntimeStatus = [OrchestrationRuntimeStatus.Running],
            InstanceIdPrefix = "run-",
            Tag = new("owner", "ann"),
            Name = "GREET",
            CreatedFrom = T0,
        };

        Assert.Equal(["run-1"], await QueryIdsAsync(query));
    }

    [Fact]
    public async Task QueryAsync_250InstancesInPages_ReturnsEachExactlyOnceInFullPages()
    {
        var all = Enumerable.Range(0, 250)
            .Select(i => Metadata($"p{i:D3}", status: i % 3 == 0 ? OrchestrationRuntimeStatus.Running : OrchestrationRuntimeStatus.Completed))
            .ToArray();
        await SeedAsync(all);

        var pages = await QueryPagesAsync(new InstanceQuery { PageSize = 40 });
        var running = await QueryPagesAsync(new InstanceQuery { PageSize = 10, RuntimeStatus = [OrchestrationRuntimeStatus.Running] });

        Assert.Equal([40, 40, 40, 40, 40, 40, 10], pages.Select(p => p.Count));
        Assert.Equal(all.Select(m => m.InstanceId), pages.SelectMany(p => p));
        Assert.Equal([10, 10, 10, 10, 10, 10, 10, 10, 4], running.Select(p => p.Count));
        Assert.Equal(all.Where(m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running).Select(m => m.InstanceId), running.SelectMany(p => p));
    }

    private static InstanceMetadata Tagged(string instanceId, params (string Key, string Value)[] tags) =>
        Metadata(instanceId) with { Tags = tags.Length == 0 ? null : tags.ToDictionary(t => t.Key, t => t.Value) };

    private async Task SeedAsync(params InstanceMetadata[] instances)
    {
        foreach (var chunk in instances.Chunk(50))
        {
            var etags = await Task.WhenAll(chunk.Select(m => Store.TryCreateAsync(m, [], replaceETag: null, Ct).AsTask()));
            Assert.All(etags, Assert.NotNull);
        }
    }

    private async Task<List<string>> QueryIdsAsync(InstanceQuery query) =>
        [.. (await QueryPagesAsync(query)).SelectMany(p => p)];

    /// <summary>Follows continuation tokens to the end; the ids of each page.</summary>
    private async Task<List<List<string>>> QueryPagesAsync(InstanceQuery query)
    {
        var pages = new List<List<string>>();
        string? token = null;
        do
        {
            var page = await Store.QueryAsync(query with { ContinuationToken = token }, Ct);
            pages.Add([.. page.Items.Select(m => m.InstanceId)]);
            token = page.ContinuationToken;
            Assert.True(pages.Count <= 1_000, "The continuation tokens never end.");
        }
        while (token is not null);
        return pages;
    }
}
