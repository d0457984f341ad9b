using System.Diagnostics;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Diagnostics;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Runtime;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Runs one episode of one instance: triage the messages, replay, commit atomically, then send.</summary>
/// <remarks>Order: commit history, status and outbox under the instance's ETag; send the outbox; clear it;
/// delete the messages. A crash anywhere leaves the messages to come again, and a leftover outbox is sent
/// again on the next load; receivers drop the duplicates.</remarks>
internal sealed partial class OrchestrationProcessor(
    IDurableBackend backend,
    DurableTaskRegistry registry,
    IServiceProvider services,
    OrchestrationExecutor executor,
    InstanceCommitter committer,
    DurableWorkerOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly CheckpointCache _checkpoints = new(options.CheckpointCacheChars, options.CheckpointCacheIdle, time);

    public async Task ProcessAsync(string instanceId, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        using var span = DurableTelemetry.Source.StartActivity("orchestration", ActivityKind.Internal);
        span?.SetTag("functionsflow.instance_id", instanceId);
        var record = await backend.Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (items.Select(i => i.Item).OfType<OrchestrationWorkItem>().FirstOrDefault(i => i.Event is ExecutionStartedEvent { Parent: not null }) is { } child &&
            record?.Metadata.ExecutionId != child.ExecutionId)
        {
            record = await StartChildAsync(record, child, cancellationToken).ConfigureAwait(false);
        }

        var triage = Triage(record, items);
        foreach (var (item, reason) in triage.Dropped)
        {
            DurableLog.Dropped(logger, instanceId, item.Item is OrchestrationWorkItem o ? o.Event.EventType : "message", reason);
        }

        foreach (var (item, due) in triage.Hops)
        {
            await backend.ControlQueue.SendAsync(item.Item, committer.Hop(due, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        if (record is null)
        {
            await FinishAsync(triage, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A previous commit's messages may not have gone out (its worker died before sending them, and the
        // messages that triggered it are being redelivered now): send them again, except the ones being
        // handled right now. Receivers drop what they already have.
        await committer.ResendLeftoverAsync(record, items, cancellationToken).ConfigureAwait(false);
        if (triage.Accepted.Count == 0)
        {
            if (record.Outbox.Count > 0)
            {
                await backend.Store.TryClearOutboxAsync(instanceId, record.ETag, cancellationToken).ConfigureAwait(false);
            }

            await FinishAsync(triage, cancellationToken).ConfigureAwait(false);
            return;
        }

        var checkpointState = await CheckpointStateAsync(record, triage.Accepted, cancellationToken).ConfigureAwait(false);
        var (commit, next) = RunEpisode(record, triage.Accepted, checkpointState);
        if (!await committer.CommitAsync(instanceId, commit, items, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (next is not null)
        {
            _checkpoints.Set(commit.Metadata.ExecutionId, next);
        }

        if (span is not null)
        {
            span.DisplayName = "orchestration " + commit.Metadata.Name;
            span.SetTag("functionsflow.orchestration", commit.Metadata.Name);
            span.SetTag("functionsflow.new_events", commit.NewEvents.Count);
            span.SetTag("functionsflow.status", commit.Metadata.RuntimeStatus.ToString());
        }

        DurableTelemetry.Episodes.Add(1, new KeyValuePair<string, object?>("orchestration", commit.Metadata.Name));
        DurableTelemetry.EpisodeDuration.Record(time.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("orchestration", commit.Metadata.Name));

        await FinishAsync(triage, cancellationToken).ConfigureAwait(false);
        DurableLog.Episode(logger, instanceId, commit.NewEvents.Count, commit.Metadata.RuntimeStatus);
        if (commit.Metadata.RuntimeStatus.IsTerminal())
        {
            DurableTelemetry.Finished.Add(1, new KeyValuePair<string, object?>("orchestration", commit.Metadata.Name), new KeyValuePair<string, object?>("status", commit.Metadata.RuntimeStatus.ToString()));
            DurableLog.InstanceFinished(logger, instanceId, commit.Metadata.Name, commit.Metadata.RuntimeStatus);
        }
    }

    /// <summary>Runs an episode: the commit, and when the execution continues as new from a checkpoint, the state the
    /// next execution starts from (with the object it was serialized from, so this worker does not parse it again).</summary>
    private (InstanceCommit Commit, CheckpointState? Next) RunEpisode(InstanceRecord record, IReadOnlyList<OrchestrationWorkItem> accepted, CheckpointState? checkpointState)
    {
        var now = time.GetUtcNow();
        var incoming = new List<HistoryEvent> { new OrchestratorStartedEvent(now) };
        incoming.AddRange(accepted.Select(a => a.Event));

        using var span = DurableTelemetry.Source.StartActivity("replay", ActivityKind.Internal);
        var orchestrator = registry.CreateOrchestrator(record.Metadata.Name, services);
        var episode = executor.Execute(orchestrator, record.History, incoming, checkpointState);
        var commit = EpisodeCommitBuilder.Build(record, incoming, episode, now);
        return (commit, commit.NewExecution && episode.Outcome is { Checkpoint: { } written } outcome
            ? new CheckpointState(written.State, outcome.CheckpointObject)
            : null);
    }

    /// <summary>The state of the checkpoint the execution starts from: from the cache when this worker wrote or read it
    /// lately, else from the store (null when it is no longer stored: the orchestrator fails when it asks for it).</summary>
    private async ValueTask<CheckpointState?> CheckpointStateAsync(InstanceRecord record, IReadOnlyList<OrchestrationWorkItem> accepted, CancellationToken cancellationToken)
    {
        var started = record.History.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? accepted.Select(a => a.Event).OfType<ExecutionStartedEvent>().FirstOrDefault();
        if (started?.Checkpoint is not { } checkpointId)
        {
            return null;
        }

        if (_checkpoints.TryGet(started.ExecutionId, out var cached))
        {
            return cached;
        }

        using var span = DurableTelemetry.Source.StartActivity("checkpoint read", ActivityKind.Internal);
        var text = await backend.Store.ReadCheckpointAsync(started.InstanceId, checkpointId, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            return null;
        }

        var state = new CheckpointState(text);
        _checkpoints.Set(started.ExecutionId, state);
        return state;
    }

    /// <summary>Makes the row of a sub-orchestration its parent starts: a new one, or in place of a finished one.
    /// A live instance with that id is not replaced: the parent's call fails at once instead of waiting forever.</summary>
    private async Task<InstanceRecord?> StartChildAsync(InstanceRecord? existing, OrchestrationWorkItem start, CancellationToken cancellationToken)
    {
        var started = (ExecutionStartedEvent)start.Event;
        if (existing is not null && !existing.Metadata.RuntimeStatus.IsTerminal())
        {
            var parent = started.Parent!;
            var failure = new TaskFailureDetails(
                typeof(OrchestrationAlreadyExistsException).FullName!,
                $"Sub-orchestration instance '{started.InstanceId}' is already {existing.Metadata.RuntimeStatus}.");
            var answer = new OrchestrationWorkItem(Guid.NewGuid().ToString("N"), parent.InstanceId, parent.ExecutionId,
                new SubOrchestrationFailedEvent(time.GetUtcNow(), parent.TaskScheduledId, failure));
            await backend.ControlQueue.SendAsync(answer, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            return existing; // the start itself is dropped by triage as another execution's
        }

        var metadata = InstanceMetadata.Pending(started, time.GetUtcNow());
        await backend.Store.TryCreateAsync(metadata, [], existing?.ETag, cancellationToken).ConfigureAwait(false);
        return await backend.Store.LoadAsync(started.InstanceId, cancellationToken).ConfigureAwait(false);
    }

    private async Task FinishAsync(TriageResult triage, CancellationToken cancellationToken)
    {
        foreach (var item in triage.ToComplete)
        {
            await backend.ControlQueue.CompleteAsync(item, cancellationToken).ConfigureAwait(false);
        }

        foreach (var item in triage.Deferred)
        {
            await backend.ControlQueue.AbandonAsync(item, options.DeferDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
