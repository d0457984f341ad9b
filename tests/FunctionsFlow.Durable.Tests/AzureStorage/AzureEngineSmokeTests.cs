using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Durable.Tests.AzureStorage;

/// <summary>The engine end to end on the Azure backend: worker, client, outbox, large payloads.</summary>
public sealed class AzureEngineSmokeTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orchestration_ActivitiesEventAndLargeOutput_CompletesOnAzurite()
    {
        await using var hub = await TestTaskHub.CreateAsync(azurite);
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<string, string>("Say", (_, name) => Task.FromResult("hello " + name))
            .AddOrchestratorFunc<string, string>("Greet", async (context, name) =>
            {
                var first = await context.CallActivityAsync<string>("Say", name);
                var second = await context.CallActivityAsync<string>("Say", first);
                var extra = await context.WaitForExternalEvent<string>("more");
                return second + " " + extra + new string('!', 60_000);
            });
        using var services = new ServiceCollection().BuildServiceProvider();
        var options = new DurableWorkerOptions { MaxPollInterval = TimeSpan.FromMilliseconds(50) };
        using var worker = new DurableWorker(hub.Backend, registry, services, options, TimeProvider.System, NullLoggerFactory.Instance);
        var client = new DurableClient(hub.Backend, TimeProvider.System);
        await worker.StartAsync(Ct);
        try
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync("Greet", "ann", cancellationToken: Ct);
            await client.RaiseEventAsync(id, "more", "and more", Ct);

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var done = await client.WaitForInstanceCompletionAsync(id, timeout.Token);

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("\"hello hello ann and more" + new string('!', 60_000) + "\"", done.SerializedOutput);
            Assert.NotEmpty(await hub.BlobNamesAsync());
            Assert.True(await client.PurgeInstanceAsync(id, Ct));
            Assert.Empty(await hub.BlobNamesAsync(PayloadBlobs.Folder(id)));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
