using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Runtime;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Polls the task hub's queues and runs orchestration episodes and activities.</summary>
/// <remarks>Any number of workers may share a task hub: commits are guarded by ETags, and this worker
/// processes one instance at a time (messages for an instance in progress wait for it).</remarks>
public sealed partial class DurableWorker : BackgroundService
{
    private readonly IDurableBackend _backend;
    private readonly DurableTaskRegistry _registry;
    private readonly DurableWorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OrchestrationProcessor _orchestrations;
    private readonly ActivityProcessor _activities;
    private readonly EntityProcessor _entities;
    private readonly InstanceCommitter _committer;
    private readonly SemaphoreSlim _orchestrationSlots;
    private readonly SemaphoreSlim _activitySlots;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<ReceivedWorkItem>> _inFlight = new(StringComparer.Ordinal);
    private readonly List<Task> _running = [];
    private readonly CancellationTokenSource _hardStop = new();
    private DateTimeOffset _lastSweep;

    /// <summary>The longest a receive may take (it is not cancelled by a stop).</summary>
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Creates a worker.</summary>
    public DurableWorker(
        IDurableBackend backend,
        DurableTaskRegistry registry,
        IServiceProvider services,
        DurableWorkerOptions options,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        DataConverter? converter = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _backend = backend;
        _registry = registry;
        _options = options;
        _time = time;
        _logger = loggerFactory.CreateLogger("FunctionsFlow.Durable.Worker");
        converter ??= DataConverter.Default;
        _committer = new InstanceCommitter(backend, options, time, _logger);
        _orchestrations = new OrchestrationProcessor(backend, registry, services, new OrchestrationExecutor(converter, loggerFactory), _committer, options, time, _logger);
        _activities = new ActivityProcessor(backend, registry, services, converter, options, time, _logger);
        _entities = new EntityProcessor(backend, registry, services, converter, _committer, time, _logger);
        _orchestrationSlots = new SemaphoreSlim(options.MaxConcurrentOrchestrations);
        _activitySlots = new SemaphoreSlim(options.MaxConcurrentActivities);
        _lastSweep = DateTimeOffset.MinValue;
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await _backend.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        DurableLog.WorkerStarted(_logger, _registry.OrchestratorNames);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        var all = Task.WhenAll(running);
        if (await Task.WhenAny(all, Task.Delay(_options.ShutdownTimeout, cancellationToken)).ConfigureAwait(false) != all)
        {
            await _hardStop.CancelAsync().ConfigureAwait(false);
        }

        DurableLog.WorkerStopped(_logger);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _hardStop.Dispose();
        _orchestrationSlots.Dispose();
        _activitySlots.Dispose();
        base.Dispose();
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(
            PollAsync(_backend.ControlQueue, "control", _orchestrationSlots, DispatchOrchestrationsAsync, stoppingToken),
            PollAsync(_backend.ActivityQueue, "work-item", _activitySlots, DispatchActivitiesAsync, stoppingToken));

    private async Task PollAsync(
        IWorkItemQueue queue,
        string name,
        SemaphoreSlim slots,
        Func<IReadOnlyList<ReceivedWorkItem>, CancellationToken, Task> dispatch,
        CancellationToken stoppingToken)
    {
        var idle = _options.MinPollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (_options.Pause is { } pause)
                {
                    await pause.WaitWhilePausedAsync(stoppingToken).ConfigureAwait(false);
                }

                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = slots.CurrentCount + 1;
                slots.Release();
                // A receive is not cancelled by the stop: cut off mid-request, the service may already have hidden the
                // messages for the visibility timeout. Messages it brings once stopping go straight back.
                using var receiving = new CancellationTokenSource(ReceiveTimeout);
                var items = await queue.ReceiveAsync(Math.Min(free, _options.ReceiveBatchSize), _options.VisibilityTimeout, receiving.Token).ConfigureAwait(false);
                if (stoppingToken.IsCancellationRequested)
                {
                    await ReleaseAsync(queue, items, TimeSpan.Zero).ConfigureAwait(false);
                    return;
                }

                if (items.Count == 0)
                {
                    if (queue == _backend.ControlQueue)
                    {
                        await SweepPendingStartsAsync(stoppingToken).ConfigureAwait(false);
                    }

                    await queue.WaitForWorkAsync(idle, stoppingToken).ConfigureAwait(false);
                    idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, _options.MaxPollInterval.Ticks));
                    continue;
                }

                idle = _options.MinPollInterval;
                if (_options.Pause?.IsPaused == true)
                {
                    // Paused while this receive was under way: the messages go back for after the pause.
                    await ReleaseAsync(queue, items, TimeSpan.Zero).ConfigureAwait(false);
                    continue;
                }

                var healthy = await SetAsidePoisonAsync(queue, items, stoppingToken).ConfigureAwait(false);
                await dispatch(healthy, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                DurableLog.PollFailed(_logger, name, ex);
                await Task.Delay(_options.MaxPollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<IReadOnlyList<ReceivedWorkItem>> SetAsidePoisonAsync(IWorkItemQueue queue, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken)
    {
        var healthy = new List<ReceivedWorkItem>(items.Count);
        foreach (var item in items)
        {
            if (item.DequeueCount > _options.MaxDequeueCount)
            {
                DurableLog.Poisoned(_logger, item.Item.MessageId, item.Item.InstanceId, item.DequeueCount - 1);
                await queue.DeadLetterAsync(item, $"Failed {item.DequeueCount - 1} times.", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                healthy.Add(item);
            }
        }

        return healthy;
    }

    private void Track(Task task)
    {
        lock (_lock)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }
}
