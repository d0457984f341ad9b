using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Backend.InMemory;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.Engine;

/// <summary>The behavioural suite on the in-memory backend.</summary>
public sealed class InMemoryDurableTests : DurableBehaviourTests
{
    protected override Task<IDurableBackend> CreateBackendAsync(ManualTimeProvider clock) => Task.FromResult<IDurableBackend>(new InMemoryBackend(clock));

    protected override Task<int> CountPoisonAsync(IDurableBackend backend) =>
        Task.FromResult(((InMemoryWorkItemQueue)backend.ControlQueue).Poison.Count);
}
