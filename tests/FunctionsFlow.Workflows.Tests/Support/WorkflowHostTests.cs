using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Variables;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Workflows.Tests.Support;

/// <summary>Base of the behavioural suites of the workflow entities: every test gets a task hub of its own on
/// the backend under test, with one running worker; more hubs and hosts can be made and are cleaned up.</summary>
public abstract class WorkflowHostTests(TestHubs hubs) : IAsyncLifetime
{
    private readonly List<TestHub> _hubs = [];
    private readonly List<WorkflowTestHost> _hosts = [];
    private readonly CancellationTokenSource _timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    protected ManualTimeProvider Clock { get; } = new();

    /// <summary>Cancels a test's calls when the run is cancelled or the test takes far too long (a call that
    /// waits for an entity would otherwise wait for ever).</summary>
    protected CancellationToken Ct => _timeout.Token;

    /// <summary>The test's main hub.</summary>
    protected TestHub Hub { get; private set; } = null!;

    /// <summary>The test's main host, with one worker running.</summary>
    protected WorkflowTestHost Host { get; private set; } = null!;

    public virtual async ValueTask InitializeAsync()
    {
        _timeout.CancelAfter(TimeSpan.FromSeconds(60));
        Hub = await NewHubAsync();
        Host = await StartHostAsync(Hub.Backend);
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        foreach (var hub in _hubs)
        {
            await hub.DisposeAsync();
        }

        _timeout.Dispose();

        GC.SuppressFinalize(this);
    }

    /// <summary>Adds services and what the workers run to every host of the test, and may change the workers' options
    /// (nothing beyond the entities here).</summary>
    protected virtual void Extend(IServiceCollection services, DurableTaskRegistry registry, DurableWorkerOptions options)
    {
    }

    /// <summary>A fresh, empty task hub, deleted after the test.</summary>
    protected async Task<TestHub> NewHubAsync()
    {
        var hub = await hubs.CreateAsync(Clock);
        _hubs.Add(hub);
        return hub;
    }

    /// <summary>A host on <paramref name="backend"/> with one running worker (or none), disposed after the test.</summary>
    protected async Task<WorkflowTestHost> StartHostAsync(Durable.Backend.IDurableBackend backend, VariableLimits? limits = null, bool startWorker = true)
    {
        var host = new WorkflowTestHost(backend, Clock, hubs.MaxTimerHop, limits, Extend);
        _hosts.Add(host);
        if (startWorker)
        {
            await host.StartWorkerAsync();
        }

        return host;
    }
}
