using FunctionsFlow.Durable.Backend;
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
    DurableWorkerOptions options,
    TimeProvider time,
    ILogger logger)
{
    public async Task ProcessAsync(string instanceId, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken)
    {
        var record = await backend.Store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (record is null && items.Select(i => i.Item).OfType<OrchestrationWorkItem>().FirstOrDefault(i => i.Event is ExecutionStartedEvent { Parent: not null }) is { } child)
        {
            record = await CreateChildAsync(child, cancellationToken).ConfigureAwait(false);
        }

        var triage = Triage(record, items);
        foreach (var (item, reason) in triage.Dropped)
        {
            DurableLog.Dropped(logger, instanceId, item.Item is OrchestrationWorkItem o ? o.Event.EventType : "message", reason);
        }

        foreach (var (item, due) in triage.Hops)
        {
            await backend.ControlQueue.SendAsync(item.Item, Hop(due), cancellationToken).ConfigureAwait(false);
        }

        if (record is null)
        {
            await FinishAsync(triage, cancellationToken).ConfigureAwait(false);
            return;
        }

        // A previous commit's messages may not have gone out (its worker died before sending them, and the
        // messages that triggered it are being redelivered now): send them again, except the ones being
        // handled right now. Receivers drop what they already have.
        var handling = items.Select(i => i.Item.MessageId).ToHashSet(StringComparer.Ordinal);
        await SendAsync(record.Outbox.Where(m => !handling.Contains(m.Item.MessageId)), cancellationToken).ConfigureAwait(false);
        if (triage.Accepted.Count == 0)
        {
            if (record.Outbox.Count > 0)
            {
                await backend.Store.TryClearOutboxAsync(instanceId, record.ETag, cancellationToken).ConfigureAwait(false);
            }

            await FinishAsync(triage, cancellationToken).ConfigureAwait(false);
            return;
        }

        var commit = RunEpisode(record, triage.Accepted);
        var etag = await backend.Store.TryCommitAsync(instanceId, commit, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            DurableLog.CommitConflict(logger, instanceId);
            foreach (var item in items)
            {
                await backend.ControlQueue.AbandonAsync(item, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (commit.Outbox.Count > 0)
        {
            await SendAsync(commit.Outbox, cancellationToken).ConfigureAwait(false);
            await backend.Store.TryClearOutboxAsync(instanceId, etag, cancellationToken).ConfigureAwait(false);
        }

        await FinishAsync(triage, cancellationToken).ConfigureAwait(false);
        DurableLog.Episode(logger, instanceId, commit.NewEvents.Count, commit.Metadata.RuntimeStatus);
        if (commit.Metadata.RuntimeStatus.IsTerminal())
        {
            DurableLog.InstanceFinished(logger, instanceId, commit.Metadata.Name, commit.Metadata.RuntimeStatus);
        }
    }

    private InstanceCommit RunEpisode(InstanceRecord record, IReadOnlyList<OrchestrationWorkItem> accepted)
    {
        var now = time.GetUtcNow();
        var incoming = new List<HistoryEvent> { new OrchestratorStartedEvent(now) };
        incoming.AddRange(accepted.Select(a => a.Event));

        var orchestrator = registry.CreateOrchestrator(record.Metadata.Name, services);
        var episode = executor.Execute(orchestrator, record.History, incoming);
        return EpisodeCommitBuilder.Build(record, incoming, episode, now);
    }

    private async Task<InstanceRecord?> CreateChildAsync(OrchestrationWorkItem start, CancellationToken cancellationToken)
    {
        var started = (ExecutionStartedEvent)start.Event;
        var now = time.GetUtcNow();
        var metadata = new InstanceMetadata
        {
            InstanceId = started.InstanceId,
            Name = started.Name,
            ExecutionId = started.ExecutionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = started.Input,
            Tags = started.Tags,
            ParentInstanceId = started.Parent!.InstanceId,
        };
        await backend.Store.TryCreateAsync(metadata, [], replaceETag: null, cancellationToken).ConfigureAwait(false);
        return await backend.Store.LoadAsync(started.InstanceId, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(IEnumerable<OutboundMessage> messages, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var sends = messages.Select(m =>
        {
            var queue = m.Item is ActivityWorkItem ? backend.ActivityQueue : backend.ControlQueue;
            var delay = m.VisibleAt is { } at ? Hop(at, now) : TimeSpan.Zero;
            return queue.SendAsync(m.Item, delay, cancellationToken).AsTask();
        });
        await Task.WhenAll(sends).ConfigureAwait(false);
    }

    private TimeSpan Hop(DateTimeOffset due) => Hop(due, time.GetUtcNow());

    private TimeSpan Hop(DateTimeOffset due, DateTimeOffset now)
    {
        var delay = due - now;
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay < options.MaxTimerHop ? delay : options.MaxTimerHop;
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
