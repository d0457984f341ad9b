using System.Collections.Concurrent;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Applies the operations that reached one entity, one at a time in arrival order, and commits the new
/// state with the answers to its callers in one atomic step.</summary>
/// <remarks>The state is kept in the status row (<c>Output</c>); the ids of the last messages applied and the
/// answers to the last client calls (in <c>Input</c>) make a redelivered operation harmless and let a client
/// read its answer. Answers to orchestrations and signals the operations send go out through the outbox after
/// the commit, so a caller that has its answer reads the new state.
/// <para>Two tiers: the record this worker last committed is kept in memory and the next batch starts from it
/// without reading storage. The commit is guarded by that record's ETag, so if anyone else wrote the entity
/// meanwhile the commit fails, the cached record is dropped and the messages come again to a fresh read.
/// Readers (clients) always read storage, so a read after a write sees the write wherever it runs.</para></remarks>
internal sealed class EntityProcessor(
    IDurableBackend backend,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    InstanceCommitter committer,
    TimeProvider time,
    ILogger logger)
{
    private const int MaxCachedEntities = 4096;

    private readonly ConcurrentDictionary<string, InstanceRecord> _cache = new(StringComparer.Ordinal);

    /// <summary>How many times a batch is computed again from a fresh read after losing a commit race, while its
    /// messages are still held, before they are released (each release counts toward the poison limit).</summary>
    private const int CommitAttempts = 4;

    public async Task ProcessAsync(string instanceId, IReadOnlyList<ReceivedWorkItem> items, CancellationToken cancellationToken)
    {
        var forwarded = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; attempt <= CommitAttempts; attempt++)
        {
            if (await TryProcessAsync(instanceId, items, forwarded, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        await committer.ReleaseAsync(items, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the batch and commits it; false when another writer committed first (nothing was applied,
    /// the messages are still held). Operations not due yet are passed on once (their ids go in <paramref name="forwarded"/>),
    /// however many attempts the batch takes.</summary>
    private async Task<bool> TryProcessAsync(string instanceId, IReadOnlyList<ReceivedWorkItem> items, HashSet<string> forwarded, CancellationToken cancellationToken)
    {
        var entityId = EntityInstanceId.FromInstanceId(instanceId);
        if (!_cache.TryRemove(instanceId, out var record))
        {
            record = await LoadOrCreateAsync(entityId, cancellationToken).ConfigureAwait(false);
            await committer.ResendLeftoverAsync(record, items, cancellationToken).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var books = converter.Deserialize<EntityBookkeeping>(record.Metadata.Input) ?? new EntityBookkeeping([], []);
        var applied = books.Applied.ToHashSet(StringComparer.Ordinal);
        var state = record.Metadata.Output;
        var outbox = new List<OutboundMessage>();
        foreach (var received in items.OrderBy(i => i.InsertedAt))
        {
            if (received.Item is not OrchestrationWorkItem { Event: EventRaisedEvent { Name: EntityMessages.OperationEventName } raised } ||
                applied.Contains(raised.MessageId) ||
                converter.Deserialize<EntityRequest>(raised.Input) is not { } request)
            {
                DurableLog.Dropped(logger, instanceId, received.Item is OrchestrationWorkItem o ? o.Event.EventType : "message", "not a new entity operation");
                continue;
            }

            if (request.ScheduledAt is { } due && due > now)
            {
                if (forwarded.Add(received.Item.MessageId))
                {
                    await backend.ControlQueue.SendAsync(received.Item, committer.Hop(due, now), cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            applied.Add(raised.MessageId);
            books.Applied.Add(raised.MessageId);
            var (newState, response, signals) = await RunAsync(entityId, request, state).ConfigureAwait(false);
            state = newState;
            outbox.AddRange(signals.Select(signal => Signal(signal, now)));
            if (request.CallerInstanceId is { } caller)
            {
                var id = Guid.NewGuid().ToString("N");
                var answer = new EventRaisedEvent(now, EntityMessages.ResponseEventName(request.RequestId), converter.Serialize(response), id);
                outbox.Add(new OutboundMessage(new OrchestrationWorkItem(id, caller, request.CallerExecutionId, answer)));
            }
            else if (request.ClientCall)
            {
                books.Answers.Add(new EntityClientAnswer(request.RequestId, response));
            }
        }

        if (items.Any(i => i.IsLeaseEnding))
        {
            // Another receiver may have these messages by now; committing could apply them twice. Let them come again.
            DurableLog.Dropped(logger, instanceId, "batch", "the batch took so long that its messages are about to be visible again");
            return true;
        }

        var metadata = record.Metadata with
        {
            Output = state,
            Input = converter.Serialize(books.Trimmed()),
            LastUpdatedAt = now,
        };
        var commit = new InstanceCommit(record.ETag, metadata, [], NewExecution: false, outbox);
        var etag = await committer.TryCommitAsync(instanceId, commit, items, cancellationToken, releaseOnConflict: false).ConfigureAwait(false);
        if (etag is null)
        {
            return false;
        }

        if (outbox.Count == 0)
        {
            // Clearing an outbox moves the ETag; only a commit without one leaves a record that is still current.
            Remember(instanceId, record with { Metadata = metadata, Outbox = [], ETag = etag });
        }

        await Task.WhenAll(items.Select(item => backend.ControlQueue.CompleteAsync(item, cancellationToken).AsTask())).ConfigureAwait(false);
        return true;
    }

    private void Remember(string instanceId, InstanceRecord record)
    {
        if (_cache.Count >= MaxCachedEntities)
        {
            _cache.Clear();
        }

        _cache[instanceId] = record;
    }

    private OutboundMessage Signal(EntitySignal signal, DateTimeOffset now)
    {
        var request = new EntityRequest(signal.Operation, converter.Serialize(signal.Input), Guid.NewGuid().ToString("N"), ScheduledAt: signal.ScheduledAt);
        var id = Guid.NewGuid().ToString("N");
        var raised = new EventRaisedEvent(now, EntityMessages.OperationEventName, converter.Serialize(request), id);

        // Sent at once: the receiving entity holds a scheduled operation back in timer hops.
        return new OutboundMessage(new OrchestrationWorkItem(id, signal.Target.InstanceId, null, raised));
    }

    private async Task<(string? State, EntityResponse Response, IReadOnlyList<EntitySignal> Signals)> RunAsync(EntityInstanceId entityId, EntityRequest request, string? state)
    {
        try
        {
            var entity = registry.CreateEntity(entityId.Name, services)
                ?? throw new InvalidOperationException($"No entity named '{entityId.Name}' is registered with this worker.");
            var operation = new TaskEntityOperation(entityId, request.Operation, request.Input, state, converter);
            var result = await entity.RunAsync(operation).ConfigureAwait(false);
            return (operation.SerializedState, new EntityResponse(converter.Serialize(result), null), operation.Context.Signals);
        }
        catch (Exception ex)
        {
            // A failed operation changes nothing and sends nothing; a caller gets the failure.
            return (state, new EntityResponse(null, TaskFailureDetails.FromException(ex)), []);
        }
    }

    private async Task<InstanceRecord> LoadOrCreateAsync(EntityInstanceId entityId, CancellationToken cancellationToken)
    {
        var record = await backend.Store.LoadAsync(entityId.InstanceId, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            return record;
        }

        var now = time.GetUtcNow();
        var metadata = new InstanceMetadata
        {
            InstanceId = entityId.InstanceId,
            Name = entityId.Name,
            ExecutionId = "entity",
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            CreatedAt = now,
            LastUpdatedAt = now,
        };
        await backend.Store.TryCreateAsync(metadata, [], replaceETag: null, cancellationToken).ConfigureAwait(false);
        return await backend.Store.LoadAsync(entityId.InstanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Entity '{entityId}' vanished while being created.");
    }
}
