using FunctionsFlow.Durable;
using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>A task hub on the benchmark account with one worker and a request counter.</summary>
public sealed class ScenarioHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private ScenarioHost(ServiceProvider services, StorageClientFactory factory, AzureStorageBackend backend, DurableWorker worker, RequestCounter counter, AzureStorageBackend observer)
    {
        _services = services;
        Factory = factory;
        Backend = backend;
        Worker = worker;
        Counter = counter;
        Client = new DurableClient(backend, TimeProvider.System);
        ObserverBackend = observer;
        Observer = new DurableClient(observer, TimeProvider.System);
    }

    public StorageClientFactory Factory { get; }

    public AzureStorageBackend Backend { get; }

    public DurableWorker Worker { get; }

    public DurableClient Client { get; }

    public RequestCounter Counter { get; }

    /// <summary>A client of the same task hub whose requests are not counted: for the benchmark's own polling.</summary>
    public DurableClient Observer { get; }

    /// <summary>The task hub on the uncounted pipeline of <see cref="Observer"/>.</summary>
    public AzureStorageBackend ObserverBackend { get; }

    /// <summary>Starts a worker on a fresh task hub; its log goes to <paramref name="logs"/> (none by default).</summary>
    public static async Task<ScenarioHost> StartAsync(StorageAccount account, ILoggerFactory? logs = null)
    {
        var counter = new RequestCounter(account);
        var options = new StorageClientOptions();
        options.AddPolicy(counter, Azure.Core.HttpPipelinePosition.PerCall);
        var factory = new StorageClientFactory(account, options);
        var hub = new AzureStorageBackendOptions { TaskHubName = "bench" + Guid.NewGuid().ToString("N")[..12] };
        var backend = new AzureStorageBackend(factory, hub);
        var observer = new AzureStorageBackend(new StorageClientFactory(account), hub);
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>("Echo", (_, n) => Task.FromResult(n))
            .AddOrchestratorFunc<int, int>("Sequence", async (ctx, n) =>
            {
                var sum = 0;
                for (var i = 0; i < n; i++)
                {
                    sum += await ctx.CallActivityAsync<int>("Echo", i).ConfigureAwait(true);
                }

                return sum;
            })
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Echo", i))).ConfigureAwait(true)).Sum())
            .AddOrchestratorFunc<object?, string>("Approval", async (ctx, _) =>
                await ctx.WaitForExternalEvent<string>("approval").ConfigureAwait(true))
            .AddEntity<BenchCounter>("counter");
        var services = new ServiceCollection().BuildServiceProvider();
        var worker = new DurableWorker(backend, registry, services, new DurableWorkerOptions(), TimeProvider.System, logs ?? NullLoggerFactory.Instance);
        await worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
        return new ScenarioHost(services, factory, backend, worker, counter, observer);
    }

    public async Task<string> RunAsync(string orchestrator, object? input)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input).ConfigureAwait(false);
        var done = await Client.WaitForInstanceCompletionAsync(id).ConfigureAwait(false);
        return done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? id : throw new InvalidOperationException($"{orchestrator} ended {done.RuntimeStatus}");
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None).ConfigureAwait(false);
        Worker.Dispose();
        await Backend.DeleteTaskHubAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
