using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Worker;

public sealed partial class DurableWorker
{
    private async Task DispatchOrchestrationsAsync(IReadOnlyList<ReceivedWorkItem> items, CancellationToken stoppingToken)
    {
        var groups = items.GroupBy(i => i.Item.InstanceId, StringComparer.Ordinal).ToList();
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            lock (_lock)
            {
                if (_inFlight.TryGetValue(group.Key, out var followUps))
                {
                    followUps.AddRange(group);
                    continue;
                }

                _inFlight[group.Key] = [];
            }

            try
            {
                await _orchestrationSlots.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping with messages received and not started: hand them back now rather than leave them hidden
                // for the visibility timeout (another worker, or this one after a restart, takes them at once).
                var release = group.ToList();
                lock (_lock)
                {
                    _inFlight.Remove(group.Key);
                    foreach (var later in groups.Skip(i + 1))
                    {
                        if (_inFlight.TryGetValue(later.Key, out var followUps))
                        {
                            followUps.AddRange(later); // its instance is running: it takes them before it ends
                        }
                        else
                        {
                            release.AddRange(later);
                        }
                    }
                }

                await ReleaseAsync(_backend.ControlQueue, release, TimeSpan.Zero).ConfigureAwait(false);
                throw;
            }

            Track(Task.Run(() => RunInstanceAsync(group.Key, [.. group]), CancellationToken.None));
        }
    }


    private async Task RunInstanceAsync(string instanceId, List<ReceivedWorkItem> batch)
    {
        try
        {
            while (true)
            {
                try
                {
                    var processing = Entities.EntityInstanceId.IsEntityInstance(instanceId)
                        ? _entities.ProcessAsync(instanceId, batch, _hardStop.Token)
                        : _orchestrations.ProcessAsync(instanceId, batch, _hardStop.Token);
                    await processing.ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !_hardStop.IsCancellationRequested)
                {
                    DurableLog.EpisodeFailed(_logger, instanceId, ex);
                    await ReleaseAsync(_backend.ControlQueue, batch, _options.DeferDelay).ConfigureAwait(false);
                }

                lock (_lock)
                {
                    var followUps = _inFlight[instanceId];
                    if (followUps.Count == 0)
                    {
                        _inFlight.Remove(instanceId);
                        return;
                    }

                    batch = [.. followUps];
                    followUps.Clear();
                }
            }
        }
        finally
        {
            _orchestrationSlots.Release();
        }
    }

    private async Task DispatchActivitiesAsync(IReadOnlyList<ReceivedWorkItem> items, CancellationToken stoppingToken)
    {
        for (var i = 0; i < items.Count; i++)
        {
            try
            {
                await _activitySlots.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await ReleaseAsync(_backend.ActivityQueue, items.Skip(i), TimeSpan.Zero).ConfigureAwait(false);
                throw;
            }

            var item = items[i];
            Track(Task.Run(() => RunActivityAsync(item), CancellationToken.None));
        }
    }

    private async Task RunActivityAsync(ReceivedWorkItem item)
    {
        try
        {
            await _activities.ProcessAsync(item, _hardStop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !_hardStop.IsCancellationRequested)
        {
            DurableLog.ActivityDispatchFailed(_logger, item.Item.InstanceId, ex);
            await ReleaseAsync(_backend.ActivityQueue, [item], _options.DeferDelay).ConfigureAwait(false);
        }
        finally
        {
            _activitySlots.Release();
        }
    }

    private async Task ReleaseAsync(IWorkItemQueue queue, IEnumerable<ReceivedWorkItem> items, TimeSpan delay)
    {
        foreach (var item in items)
        {
            try
            {
                await queue.AbandonAsync(item, delay, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The message becomes visible anyway when its visibility timeout ends.
                DurableLog.PollFailed(_logger, "release", ex);
            }
        }
    }

    /// <summary>A client that died between writing an instance and sending its start leaves it Pending:
    /// send the start (kept in the instance's outbox) again.</summary>
    private async Task SweepPendingStartsAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_lastSweep != DateTimeOffset.MinValue && now - _lastSweep < _options.PendingStartRecoveryAge)
        {
            return;
        }

        _lastSweep = now;
        var query = new InstanceQuery
        {
            RuntimeStatus = [OrchestrationRuntimeStatus.Pending],
            CreatedTo = now - _options.PendingStartRecoveryAge,
            PageSize = 100,
        };
        do
        {
            var page = await _backend.Store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var metadata in page.Items)
            {
                await ResendPendingStartAsync(metadata.InstanceId, cancellationToken).ConfigureAwait(false);
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    private async Task ResendPendingStartAsync(string instanceId, CancellationToken cancellationToken)
    {
        var record = await _backend.Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record is { History.Count: 0 } && record.Outbox.Any(m => m.Item is OrchestrationWorkItem { Event: ExecutionStartedEvent }))
        {
            await _committer.SendAsync(record.Outbox, cancellationToken).ConfigureAwait(false);
            DurableLog.PendingStartRecovered(_logger, instanceId);
        }
    }
}
