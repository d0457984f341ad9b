using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Tests.Contracts;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

public sealed class AzureInstanceStoreContractTests(AzuriteFixture azurite) : InstanceStoreContractTests
{
    private TestTaskHub? _hub;

    protected override async ValueTask<IInstanceStore> CreateStoreAsync()
    {
        _hub = await TestTaskHub.CreateAsync(azurite);
        return _hub.Backend.Store;
    }

    protected override ValueTask CleanUpAsync() => _hub!.DisposeAsync();
}

public sealed class AzureWorkItemQueueContractTests(AzuriteFixture azurite) : WorkItemQueueContractTests
{
    private TestTaskHub? _hub;

    protected override async ValueTask<IWorkItemQueue> CreateQueueAsync()
    {
        _hub = await TestTaskHub.CreateAsync(azurite);
        return _hub.Backend.ControlQueue;
    }

    protected override async Task<IReadOnlyList<WorkItem>> PoisonedAsync()
    {
        var messages = new WorkItemMessages(new PayloadBlobs(_hub!.Payloads, new PayloadProtector(new FunctionsFlow.Storage.Codec.StateCodec(new() { Encrypt = false }))), AzureStorageBackendOptions.MaxInlineMessageLimit);
        var peeked = await _hub.PoisonQueue.PeekMessagesAsync(32, TestContext.Current.CancellationToken);
        return await Task.WhenAll(peeked.Select(m => messages.DecodeAsync(m.Text, TestContext.Current.CancellationToken)));
    }

    protected override ValueTask CleanUpAsync() => _hub!.DisposeAsync();
}
