using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Sessions;
using FunctionsFlow.Workflows.Variables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Workflows.Tests.Support;

/// <summary>One process of the app on a task hub: a client with the workflow stores, and any number of workers
/// running the workflow entities, all on one manual clock. The entities get the clock (and any limits given
/// here) from the service provider the workers are handed, as they would in the app.</summary>
public sealed class WorkflowTestHost : IAsyncDisposable
{
    private readonly List<DurableWorker> _workers = [];
    private readonly ServiceProvider _services;
    private readonly DurableTaskRegistry _registry = new DurableTaskRegistry().AddWorkflowEntities();
    private readonly DurableWorkerOptions _options;

    /// <param name="backend">The task hub.</param>
    /// <param name="clock">The clock of everything.</param>
    /// <param name="maxTimerHop">The longest timer hop of the workers.</param>
    /// <param name="variableLimits">Limits of the variable store, or the defaults.</param>
    /// <param name="extend">Adds services and what the workers run, and may change the workers' options (for suites
    /// beyond the entities).</param>
    public WorkflowTestHost(
        IDurableBackend backend,
        ManualTimeProvider clock,
        TimeSpan? maxTimerHop = null,
        VariableLimits? variableLimits = null,
        Action<IServiceCollection, DurableTaskRegistry, DurableWorkerOptions>? extend = null)
    {
        Backend = backend;
        Clock = clock;
        Client = new DurableClient(backend, clock);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(Client);
        if (variableLimits is not null)
        {
            services.AddSingleton(variableLimits);
        }

        _options = FastOptions(maxTimerHop);
        extend?.Invoke(services, _registry, _options);
        _services = services.AddWorkflowStores().BuildServiceProvider();
        Variables = _services.GetRequiredService<VariableStore>();
        Sessions = _services.GetRequiredService<SessionStore>();
    }

    public IDurableBackend Backend { get; }

    public ManualTimeProvider Clock { get; }

    public DurableClient Client { get; }

    public VariableStore Variables { get; }

    public SessionStore Sessions { get; }

    /// <summary>The host's services.</summary>
    public IServiceProvider Services => _services;

    public int RunningWorkers => _workers.Count;

    /// <summary>Polls often, answers at once, and keeps timer hops short when asked to.</summary>
    public static DurableWorkerOptions FastOptions(TimeSpan? maxTimerHop = null) => new()
    {
        MinPollInterval = TimeSpan.FromMilliseconds(2),
        MaxPollInterval = TimeSpan.FromMilliseconds(20),
        DeferDelay = TimeSpan.Zero,
        MaxTimerHop = maxTimerHop ?? TimeSpan.FromDays(6),
        ShutdownTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>Starts one more worker, on the host's backend object or on another one of the same task hub.</summary>
    public async Task<DurableWorker> StartWorkerAsync(IDurableBackend? on = null)
    {
        var worker = new DurableWorker(on ?? Backend, _registry, _services, _options, Clock, NullLoggerFactory.Instance);
        await worker.StartAsync(CancellationToken.None);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Stops every worker (gracefully), as if the app were down.</summary>
    public async Task StopWorkersAsync()
    {
        foreach (var worker in _workers.ToList())
        {
            await worker.StopAsync(CancellationToken.None);
            worker.Dispose();
            _workers.Remove(worker);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkersAsync();
        await _services.DisposeAsync();
    }
}
