using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Durable.Tests.Engine;

/// <summary>A task hub with a client and any number of workers, on a manual clock.</summary>
public sealed class DurableTestHost(IDurableBackend backend, ManualTimeProvider clock, DurableTaskRegistry registry, DurableWorkerOptions options) : IAsyncDisposable
{
    private readonly List<DurableWorker> _workers = [];
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();

    public IDurableBackend Backend { get; } = backend;

    public ManualTimeProvider Clock { get; } = clock;

    public DurableClient Client { get; } = new(backend, clock);

    public DurableTaskRegistry Registry { get; } = registry;

    public DurableWorkerOptions Options { get; } = options;

    public static DurableWorkerOptions FastOptions(TimeSpan? maxTimerHop = null) => new()
    {
        MinPollInterval = TimeSpan.FromMilliseconds(2),
        MaxPollInterval = TimeSpan.FromMilliseconds(20),
        DeferDelay = TimeSpan.Zero,
        MaxTimerHop = maxTimerHop ?? TimeSpan.FromDays(6),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Starts one more worker on the given backend (by default the host's).</summary>
    public async Task<DurableWorker> StartWorkerAsync(IDurableBackend? on = null)
    {
        var worker = new DurableWorker(on ?? Backend, Registry, _services, Options, Clock, NullLoggerFactory.Instance);
        await worker.StartAsync(CancellationToken.None);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Stops a worker (graceful).</summary>
    public async Task StopWorkerAsync(DurableWorker worker)
    {
        await worker.StopAsync(CancellationToken.None);
        worker.Dispose();
        _workers.Remove(worker);
    }

    /// <summary>Stops every worker (as if the app were down).</summary>
    public async Task DisposeWorkersAsync()
    {
        foreach (var worker in _workers.ToList())
        {
            await StopWorkerAsync(worker);
        }
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, cts.Token);
        }
        catch (OperationCanceledException)
        {
            var status = await Client.GetInstanceAsync(instanceId);
            throw new TimeoutException($"Instance {instanceId} did not finish; it is {status?.RuntimeStatus}.");
        }
    }

    /// <summary>Waits until the instance's history holds an event matching <paramref name="predicate"/>.</summary>
    public Task WaitForHistoryAsync(string instanceId, Func<HistoryEvent, bool> predicate, string what) =>
        Eventually.TrueAsync(async () => (await Client.GetHistoryAsync(instanceId))?.Any(predicate) == true, what);

    public Task WaitForStatusAsync(string instanceId, OrchestrationRuntimeStatus status) =>
        Eventually.TrueAsync(async () => (await Client.GetInstanceAsync(instanceId))?.RuntimeStatus == status, $"{instanceId} is {status}");

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers.ToList())
        {
            await StopWorkerAsync(worker);
        }

        await _services.DisposeAsync();
    }
}
