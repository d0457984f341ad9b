using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

public sealed class AzureStorageBackendTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("my-hub")]
    [InlineData("hub_1")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdef")]
    public void Constructor_InvalidTaskHubName_Throws(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageBackend(azurite.CreateFactory(), new AzureStorageBackendOptions { TaskHubName = name }));

        Assert.Equal("TaskHubName", error.ParamName);
    }

    [Theory]
    [InlineData(0, 45_000)]
    [InlineData(32_001, 45_000)]
    [InlineData(30_000, 0)]
    [InlineData(30_000, 48 * 1024 + 1)]
    public void Constructor_LimitOutOfRange_Throws(int maxInlinePayloadChars, int maxInlineMessageChars)
    {
        var options = new AzureStorageBackendOptions { TaskHubName = "hub", MaxInlinePayloadChars = maxInlinePayloadChars, MaxInlineMessageChars = maxInlineMessageChars };

        Assert.Throws<ArgumentException>(() => new AzureStorageBackend(azurite.CreateFactory(), options));
    }

    [Fact]
    public void Names_MixedCaseTaskHub_TableKeepsCaseQueuesAndContainerAreLowercase()
    {
        var names = new AzureStorageBackend(azurite.CreateFactory(), new AzureStorageBackendOptions { TaskHubName = "OrdersHub1" }).Names;

        Assert.Equal("OrdersHub1Instances", names.InstancesTable);
        Assert.Equal("ordershub1-control", names.ControlQueue);
        Assert.Equal("ordershub1-workitems", names.WorkItemQueue);
        Assert.Equal("ordershub1-poison", names.PoisonQueue);
        Assert.Equal("ordershub1-payloads", names.PayloadContainer);
    }

    [Fact]
    public async Task DeleteTaskHubAsync_CreatedTwice_RemovesEveryResourceAndToleratesRepeats()
    {
        var factory = azurite.CreateFactory();
        var hub = AzuriteFixture.NewName("hub");
        var backend = new AzureStorageBackend(factory, new AzureStorageBackendOptions { TaskHubName = hub });
        await backend.CreateIfNotExistsAsync(Ct);
        await backend.CreateIfNotExistsAsync(Ct);
        Assert.Single(await factory.ListTablesAsync(hub, Ct).ToListAsync(Ct));
        Assert.Equal(3, (await factory.ListQueuesAsync(hub, Ct).ToListAsync(Ct)).Count);
        Assert.Single(await factory.ListContainersAsync(hub, Ct).ToListAsync(Ct));

        await backend.DeleteTaskHubAsync(Ct);
        await backend.DeleteTaskHubAsync(Ct);

        Assert.Empty(await factory.ListTablesAsync(hub, Ct).ToListAsync(Ct));
        Assert.Empty(await factory.ListQueuesAsync(hub, Ct).ToListAsync(Ct));
        Assert.Empty(await factory.ListContainersAsync(hub, Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task TwoTaskHubsOnOneAccount_DoNotSeeEachOthersInstancesOrMessages()
    {
        await using var first = await TestTaskHub.CreateAsync(azurite);
        await using var second = await TestTaskHub.CreateAsync(azurite);
        var metadata = new InstanceMetadata
        {
            InstanceId = "shared",
            Name = "Greet",
            ExecutionId = "e1",
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = DateTimeOffset.UnixEpoch,
            LastUpdatedAt = DateTimeOffset.UnixEpoch,
            Input = "\"" + new string('x', 40_000) + "\"",
        };
        Assert.NotNull(await first.Backend.Store.TryCreateAsync(metadata, [], null, Ct));
        await first.Backend.ControlQueue.SendAsync(new OrchestrationWorkItem("m1", "shared", null, new EventRaisedEvent(DateTimeOffset.UnixEpoch, "go", null, "m1")), TimeSpan.Zero, Ct);
        await first.Backend.ActivityQueue.SendAsync(new ActivityWorkItem("a1", "shared", "e1", 0, "Say", null), TimeSpan.Zero, Ct);

        Assert.Null(await second.Backend.Store.LoadAsync("shared", Ct));
        Assert.Empty((await second.Backend.Store.QueryAsync(new InstanceQuery(), Ct)).Items);
        Assert.Empty(await second.Backend.ControlQueue.ReceiveAsync(32, TimeSpan.FromMinutes(1), Ct));
        Assert.Empty(await second.Backend.ActivityQueue.ReceiveAsync(32, TimeSpan.FromMinutes(1), Ct));
        Assert.NotNull(await second.Backend.Store.TryCreateAsync(metadata with { Name = "Other" }, [], null, Ct));
        Assert.True(await second.Backend.Store.PurgeAsync("shared", Ct));

        Assert.Equal("Greet", (await first.Backend.Store.LoadAsync("shared", Ct))!.Metadata.Name);
        Assert.Equal(metadata.Input, (await first.Backend.Store.GetMetadataAsync("shared", Ct))!.Input);
        Assert.Single(await first.Backend.ControlQueue.ReceiveAsync(32, TimeSpan.FromMinutes(1), Ct));
    }
}
