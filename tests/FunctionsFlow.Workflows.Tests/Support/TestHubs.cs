using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Backend.InMemory;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Workflows.Tests.Support;

/// <summary>Where a test's task hubs live: one backend kind, a fresh task hub for every call.</summary>
public abstract class TestHubs
{
    /// <summary>Longest queue delay of a timer hop; short for backends whose queues keep wall-clock time, so a
    /// scheduled signal notices the manual clock soon.</summary>
    public virtual TimeSpan? MaxTimerHop => null;

    /// <summary>Creates an empty task hub.</summary>
    public abstract Task<TestHub> CreateAsync(TimeProvider clock);
}

/// <summary>One task hub of a test; disposing it deletes it.</summary>
public abstract class TestHub : IAsyncDisposable
{
    /// <summary>The backend object the hub was created with.</summary>
    public abstract IDurableBackend Backend { get; }

    /// <summary>Another backend object on the same task hub, as another process (or a restarted one) would have.</summary>
    public abstract IDurableBackend OpenAgain();

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

/// <summary>Task hubs in memory. A hub lives in its backend object, so "another process" shares that object.</summary>
public sealed class InMemoryHubs : TestHubs
{
    public override Task<TestHub> CreateAsync(TimeProvider clock) => Task.FromResult<TestHub>(new Hub(new InMemoryBackend(clock)));

    private sealed class Hub(InMemoryBackend backend) : TestHub
    {
        public override IDurableBackend Backend => backend;

        public override IDurableBackend OpenAgain() => backend;

        public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>Task hubs on the shared Azurite, each with a name of its own, deleted afterwards.</summary>
public sealed class AzuriteHubs(AzuriteFixture azurite) : TestHubs
{
    // Queue visibility runs on the wall clock: short hops let scheduled signals notice the manual clock quickly.
    public override TimeSpan? MaxTimerHop => TimeSpan.FromMilliseconds(200);

    public override async Task<TestHub> CreateAsync(TimeProvider clock)
    {
        var hub = new Hub(azurite, AzuriteFixture.NewName("wf"), clock);
        await hub.Backend.CreateIfNotExistsAsync();
        return hub;
    }

    private sealed class Hub(AzuriteFixture azurite, string name, TimeProvider clock) : TestHub
    {
        private readonly AzureStorageBackend _first = Open(azurite, name, clock);

        public override IDurableBackend Backend => _first;

        public override IDurableBackend OpenAgain() => Open(azurite, name, clock);

        public override ValueTask DisposeAsync() => Open(azurite, name, clock).DeleteTaskHubAsync(CancellationToken.None);

        private static AzureStorageBackend Open(AzuriteFixture azurite, string name, TimeProvider clock) =>
            new(azurite.CreateFactory(), new AzureStorageBackendOptions { TaskHubName = name }, clock);
    }
}
