using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.Engine;

/// <summary>The engine's behaviour, the same for every backend: each backend's test class derives from this.</summary>
public abstract partial class DurableBehaviourTests : IAsyncLifetime
{
    protected DurableTestHost Host { get; private set; } = null!;

    protected DurableClientFacade Client => new(Host);

    /// <summary>Creates an empty task hub on the backend under test.</summary>
    protected abstract Task<IDurableBackend> CreateBackendAsync(ManualTimeProvider clock);

    /// <summary>Removes what <see cref="CreateBackendAsync"/> made.</summary>
    protected virtual Task DeleteBackendAsync(IDurableBackend backend) => Task.CompletedTask;

    /// <summary>Longest queue delay of a timer hop; short for backends whose queues keep wall-clock time.</summary>
    protected virtual TimeSpan? MaxTimerHop => null;

    public async ValueTask InitializeAsync()
    {
        var clock = new ManualTimeProvider();
        var backend = await CreateBackendAsync(clock);
        Host = new DurableTestHost(backend, clock, TestOrchestrations.Register(new DurableTaskRegistry()), DurableTestHost.FastOptions(MaxTimerHop));
        await Host.StartWorkerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await DeleteBackendAsync(Host.Backend);
        GC.SuppressFinalize(this);
    }

    protected static string NewId(string prefix = "i") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Every scheduled activity and timer has exactly one answer in history, and nothing is answered twice.</summary>
    protected static void AssertEachTaskAnsweredOnce(IReadOnlyList<HistoryEvent> history)
    {
        var scheduled = history.OfType<TaskScheduledEvent>().Select(e => e.EventId)
            .Concat(history.OfType<TimerCreatedEvent>().Select(e => e.EventId))
            .Concat(history.OfType<SubOrchestrationCreatedEvent>().Select(e => e.EventId))
            .ToList();
        var answers = history.Select(e => e switch
        {
            TaskCompletedEvent c => c.TaskScheduledId,
            TaskFailedEvent f => f.TaskScheduledId,
            TimerFiredEvent t => t.TimerId,
            SubOrchestrationCompletedEvent c => c.TaskScheduledId,
            SubOrchestrationFailedEvent f => f.TaskScheduledId,
            _ => (int?)null,
        }).OfType<int>().ToList();

        Assert.Equal(scheduled.Count, scheduled.Distinct().Count());
        Assert.Equal(answers.Count, answers.Distinct().Count());
        Assert.Equal(scheduled.Order(), answers.Order());
    }

    /// <summary>Shorthands over the host's client for the tests.</summary>
    protected sealed class DurableClientFacade(DurableTestHost host)
    {
        public Task<string> StartAsync(string name, object? input = null, string? instanceId = null) =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(name, input, new Client.StartOrchestrationOptions(instanceId ?? NewId()));
    }
}
