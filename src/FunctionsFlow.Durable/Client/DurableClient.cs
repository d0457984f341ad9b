using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Durable.Client;

/// <summary>Starts, queries and steers orchestration instances of one task hub.</summary>
public sealed partial class DurableClient(IDurableBackend backend, TimeProvider time, DataConverter? converter = null)
{
    private readonly DataConverter _converter = converter ?? DataConverter.Default;

    /// <summary>Starts an instance. Returns its id.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">An instance with that id is pending, running or suspended (or
    /// exists at all, when <see cref="StartOrchestrationOptions.ReplaceFinished"/> is false).</exception>
    /// <exception cref="ArgumentException">The instance id is not usable.</exception>
    /// <remarks>The instance is written (with its start message in its outbox) before the message is sent, so once
    /// this returns the start cannot be lost.</remarks>
    public Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default) =>
        StartAsync(orchestratorName, _converter.Serialize(input), options, cancellationToken);

    /// <summary>Reads an instance's status; null when there is none.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await backend.Store.GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return metadata is null ? null : new OrchestrationMetadata(metadata, _converter);
    }

    /// <summary>Reads an instance's current history; null when there is no instance.</summary>
    public async Task<IReadOnlyList<HistoryEvent>?> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = await backend.Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return record?.History;
    }

    /// <summary>Lists instances with filters and a continuation token.</summary>
    public async Task<(IReadOnlyList<OrchestrationMetadata> Items, string? ContinuationToken)> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000, nameof(query));
        var page = await backend.Store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        return ([.. page.Items.Select(m => new OrchestrationMetadata(m, _converter))], page.ContinuationToken);
    }

    /// <summary>Sends an external event. Events that arrive before the orchestration waits are kept.</summary>
    /// <exception cref="OrchestrationNotFoundException">No such instance.</exception>
    /// <exception cref="OrchestrationStateException">The instance has ended.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? payload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await RequireLiveAsync(instanceId, "raise an event on", cancellationToken).ConfigureAwait(false);
        var id = NewId();
        await SendAsync(instanceId, new EventRaisedEvent(time.GetUtcNow(), eventName, _converter.Serialize(payload), id), id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops an instance for good.</summary>
    public async Task TerminateInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireLiveAsync(instanceId, "terminate", cancellationToken).ConfigureAwait(false);
        await SendAsync(instanceId, new ExecutionTerminatedEvent(time.GetUtcNow(), reason), NewId(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pauses an instance: events that arrive meanwhile are kept and processed after <see cref="ResumeInstanceAsync"/>.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireLiveAsync(instanceId, "suspend", cancellationToken).ConfigureAwait(false);
        var id = NewId();
        await SendAsync(instanceId, new ExecutionSuspendedEvent(time.GetUtcNow(), reason, id), id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues a suspended instance.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        await RequireLiveAsync(instanceId, "resume", cancellationToken).ConfigureAwait(false);
        var id = NewId();
        await SendAsync(instanceId, new ExecutionResumedEvent(time.GetUtcNow(), reason, id), id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a finished instance again with its original input, under the same id or a new one. Returns the id.</summary>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        var metadata = await FinishedAsync(instanceId, "restart", cancellationToken).ConfigureAwait(false);
        var options = new StartOrchestrationOptions(restartWithNewInstanceId ? null : instanceId, metadata.Tags);
        return await StartAsync(metadata.Name, metadata.Input, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs a finished instance again from one of its checkpoints (its state, and the input of the instance's
    /// last execution), under the same id or a new one, to which the checkpoint is copied. Returns the id.</summary>
    /// <exception cref="OrchestrationNotFoundException">There is no such instance.</exception>
    /// <exception cref="CheckpointNotFoundException">The instance has no such checkpoint.</exception>
    /// <exception cref="OrchestrationStateException">The instance has not finished.</exception>
    public async Task<string> RestartFromCheckpointAsync(
        string instanceId, string checkpointId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        var metadata = await FinishedAsync(instanceId, "restart", cancellationToken).ConfigureAwait(false);
        var state = await backend.Store.ReadCheckpointAsync(instanceId, checkpointId, cancellationToken).ConfigureAwait(false)
            ?? throw new CheckpointNotFoundException(instanceId, checkpointId);
        var targetId = restartWithNewInstanceId ? NewId() : instanceId;
        if (restartWithNewInstanceId)
        {
            await backend.Store.WriteCheckpointAsync(targetId, new CheckpointWrite(checkpointId, state), cancellationToken).ConfigureAwait(false);
        }

        return await StartAsync(metadata.Name, metadata.Input, new StartOrchestrationOptions(targetId, metadata.Tags), cancellationToken, checkpointId).ConfigureAwait(false);
    }

    /// <summary>An instance's checkpoints, in id order; empty when it has none (or does not exist).</summary>
    public async Task<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string instanceId, CancellationToken cancellationToken = default) =>
        await backend.Store.ListCheckpointsAsync(instanceId, cancellationToken).ConfigureAwait(false);

    /// <summary>A checkpoint's state (JSON); null when the instance has no such checkpoint.</summary>
    public async Task<string?> GetCheckpointAsync(string instanceId, string checkpointId, CancellationToken cancellationToken = default) =>
        await backend.Store.ReadCheckpointAsync(instanceId, checkpointId, cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes a finished instance, its history and its large payloads.</summary>
    /// <returns>False when there was no such instance.</returns>
    /// <exception cref="OrchestrationStateException">The instance has not finished.</exception>
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var metadata = await backend.Store.GetMetadataAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (metadata is null)
        {
            return false;
        }

        if (!metadata.RuntimeStatus.IsTerminal())
        {
            throw new OrchestrationStateException(instanceId, metadata.RuntimeStatus, "purge");
        }

        return await backend.Store.PurgeAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Purges every finished instance that matches: by status (terminal ones only) and creation time.</summary>
    /// <returns>How many were purged.</returns>
    public async Task<int> PurgeInstancesAsync(InstanceQuery filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var statuses = filter.RuntimeStatus is { Count: > 0 } s ? s.Where(x => x.IsTerminal()).ToArray()
            : [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];
        var purged = 0;
        string? token = null;
        do
        {
            var page = await backend.Store.QueryAsync(filter with { RuntimeStatus = statuses, ContinuationToken = token, PageSize = 100 }, cancellationToken).ConfigureAwait(false);
            foreach (var metadata in page.Items)
            {
                purged += await backend.Store.PurgeAsync(metadata.InstanceId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
        return purged;
    }

    /// <summary>Waits until the instance has finished and returns its final status.</summary>
    /// <remarks>Polls the store (wall-clock cadence); cancel the token to stop waiting.</remarks>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (metadata is { RuntimeStatus: var status } && status.IsTerminal())
            {
                return metadata;
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }
    }
}
