using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Tests.Engine;
using FunctionsFlow.Durable.Tests.Reliability;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>The behavioural suite on Azure Storage (Azurite), each test on a task hub of its own.</summary>
public sealed class AzureDurableTests(AzuriteFixture azurite) : DurableBehaviourTests
{
    // Queue visibility runs on the wall clock: short hops let timers notice the manual clock quickly.
    protected override TimeSpan? MaxTimerHop => TimeSpan.FromMilliseconds(200);

    protected override async Task<IDurableBackend> CreateBackendAsync(ManualTimeProvider clock) =>
        await AzureBackends.CreateAsync(azurite, clock);

    protected override async Task DeleteBackendAsync(IDurableBackend backend) =>
        await ((AzureStorageBackend)backend).DeleteTaskHubAsync();

    protected override Task<int> CountPoisonAsync(IDurableBackend backend) =>
        AzureBackends.CountPoisonAsync(azurite, (AzureStorageBackend)backend);
}

/// <summary>The crash suite on Azure Storage (Azurite).</summary>
public sealed class AzureCrashRecoveryTests(AzuriteFixture azurite) : CrashRecoveryTests
{
    // Messages a crashed worker held come back after this much wall-clock time.
    protected override TimeSpan VisibilityTimeout => TimeSpan.FromSeconds(1);

    protected override async Task<IDurableBackend> CreateBackendAsync(ManualTimeProvider clock) =>
        await AzureBackends.CreateAsync(azurite, clock);

    protected override async Task DeleteBackendAsync(IDurableBackend backend) =>
        await ((AzureStorageBackend)backend).DeleteTaskHubAsync();
}

internal static class AzureBackends
{
    public static async Task<AzureStorageBackend> CreateAsync(AzuriteFixture azurite, TimeProvider clock)
    {
        var backend = new AzureStorageBackend(azurite.CreateFactory(), new AzureStorageBackendOptions { TaskHubName = AzuriteFixture.NewName("hub") }, clock);
        await backend.CreateIfNotExistsAsync();
        return backend;
    }

    public static async Task<int> CountPoisonAsync(AzuriteFixture azurite, AzureStorageBackend backend) =>
        await azurite.CreateFactory().GetQueueClient(backend.Names.PoisonQueue).GetApproximateMessageCountAsync();
}
