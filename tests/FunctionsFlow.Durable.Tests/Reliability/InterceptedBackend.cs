using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Durable.Tests.Reliability;

/// <summary>Sees every storage call of a backend and may change what happens (fail, repeat).</summary>
public interface IStorageInterceptor
{
    /// <summary>Wraps one call. <paramref name="operation"/> is "Store.X" or "Control.X"/"Activity.X";
    /// <paramref name="instanceId"/> is the instance the call is about, when known.</summary>
    ValueTask<T> InvokeAsync<T>(string operation, string? instanceId, Func<ValueTask<T>> proceed);
}

/// <summary>A backend whose store and queues go through an interceptor.</summary>
public sealed class InterceptedBackend(IDurableBackend inner, IStorageInterceptor interceptor) : IDurableBackend
{
    public IInstanceStore Store { get; } = new InterceptedStore(inner.Store, interceptor);

    public IWorkItemQueue ControlQueue { get; } = new InterceptedQueue(inner.ControlQueue, "Control", interceptor);

    public IWorkItemQueue ActivityQueue { get; } = new InterceptedQueue(inner.ActivityQueue, "Activity", interceptor);

    public ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) => inner.CreateIfNotExistsAsync(cancellationToken);

    private sealed class InterceptedStore(IInstanceStore inner, IStorageInterceptor i) : IInstanceStore
    {
        public ValueTask<InstanceRecord?> LoadAsync(string instanceId, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.Load", instanceId, () => inner.LoadAsync(instanceId, cancellationToken));

        public ValueTask<InstanceMetadata?> GetMetadataAsync(string instanceId, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.GetMetadata", instanceId, () => inner.GetMetadataAsync(instanceId, cancellationToken));

        public ValueTask<string?> TryCreateAsync(InstanceMetadata metadata, IReadOnlyList<OutboundMessage> outbox, string? replaceETag, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.TryCreate", metadata.InstanceId, () => inner.TryCreateAsync(metadata, outbox, replaceETag, cancellationToken));

        public ValueTask<string?> TryCommitAsync(string instanceId, InstanceCommit commit, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.TryCommit", instanceId, () => inner.TryCommitAsync(instanceId, commit, cancellationToken));

        public ValueTask TryClearOutboxAsync(string instanceId, string etag, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync("Store.TryClearOutbox", instanceId, () => Unit(inner.TryClearOutboxAsync(instanceId, etag, cancellationToken))));

        public ValueTask<InstanceQueryResult> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.Query", null, () => inner.QueryAsync(query, cancellationToken));

        public ValueTask<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.Purge", instanceId, () => inner.PurgeAsync(instanceId, cancellationToken));

        public ValueTask WriteCheckpointAsync(string instanceId, CheckpointWrite checkpoint, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync("Store.WriteCheckpoint", instanceId, () => Unit(inner.WriteCheckpointAsync(instanceId, checkpoint, cancellationToken))));

        public ValueTask<string?> ReadCheckpointAsync(string instanceId, string checkpointId, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.ReadCheckpoint", instanceId, () => inner.ReadCheckpointAsync(instanceId, checkpointId, cancellationToken));

        public ValueTask<IReadOnlyList<CheckpointInfo>> ListCheckpointsAsync(string instanceId, CancellationToken cancellationToken = default) =>
            i.InvokeAsync("Store.ListCheckpoints", instanceId, () => inner.ListCheckpointsAsync(instanceId, cancellationToken));
    }

    private sealed class InterceptedQueue(IWorkItemQueue inner, string name, IStorageInterceptor i) : IWorkItemQueue
    {
        public ValueTask SendAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync($"{name}.Send", item.InstanceId, () => Unit(inner.SendAsync(item, delay, cancellationToken))));

        public ValueTask<IReadOnlyList<ReceivedWorkItem>> ReceiveAsync(int maxItems, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
            i.InvokeAsync($"{name}.Receive", null, () => inner.ReceiveAsync(maxItems, visibilityTimeout, cancellationToken));

        public ValueTask CompleteAsync(ReceivedWorkItem item, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync($"{name}.Complete", item.Item.InstanceId, () => Unit(inner.CompleteAsync(item, cancellationToken))));

        public ValueTask AbandonAsync(ReceivedWorkItem item, TimeSpan delay, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync($"{name}.Abandon", item.Item.InstanceId, () => Unit(inner.AbandonAsync(item, delay, cancellationToken))));

        public ValueTask RenewAsync(ReceivedWorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync($"{name}.Renew", item.Item.InstanceId, () => Unit(inner.RenewAsync(item, visibilityTimeout, cancellationToken))));

        public ValueTask DeadLetterAsync(ReceivedWorkItem item, string reason, CancellationToken cancellationToken = default) =>
            Void(i.InvokeAsync($"{name}.DeadLetter", item.Item.InstanceId, () => Unit(inner.DeadLetterAsync(item, reason, cancellationToken))));

        public ValueTask<int> GetApproximateCountAsync(CancellationToken cancellationToken = default) =>
            i.InvokeAsync($"{name}.Count", null, () => inner.GetApproximateCountAsync(cancellationToken));

        public Task WaitForWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) => inner.WaitForWorkAsync(maxWait, cancellationToken);
    }

    private static async ValueTask<bool> Unit(ValueTask task)
    {
        await task;
        return true;
    }

    private static async ValueTask Void(ValueTask<bool> task) => await task;
}
