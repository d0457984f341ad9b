using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Backend.InMemory;

namespace FunctionsFlow.Durable.Tests.Contracts;

public sealed class InMemoryInstanceStoreContractTests : InstanceStoreContractTests
{
    protected override ValueTask<IInstanceStore> CreateStoreAsync() => ValueTask.FromResult<IInstanceStore>(new InMemoryInstanceStore());
}

public sealed class InMemoryWorkItemQueueContractTests : WorkItemQueueContractTests
{
    private readonly InMemoryWorkItemQueue _queue = new(TimeProvider.System);

    protected override ValueTask<IWorkItemQueue> CreateQueueAsync() => ValueTask.FromResult<IWorkItemQueue>(_queue);

    protected override Task<IReadOnlyList<WorkItem>> PoisonedAsync() =>
        Task.FromResult<IReadOnlyList<WorkItem>>([.. _queue.Poison.Select(p => p.Item)]);
}
