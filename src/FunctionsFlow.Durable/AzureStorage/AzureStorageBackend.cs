using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Durable.AzureStorage;

/// <summary>A task hub on an Azure Storage account: instances in a table, work on queues, large payloads in blobs.</summary>
/// <remarks>Every resource is named after the task hub (see <see cref="TaskHubNames"/>), so task hubs on one account
/// never see each other.</remarks>
public sealed class AzureStorageBackend : IDurableBackend
{
    private readonly TableClient _table;
    private readonly BlobContainerClient _container;
    private readonly QueueClient[] _queues;

    /// <summary>Creates the backend of a task hub; call <see cref="CreateIfNotExistsAsync"/> before first use.</summary>
    /// <param name="factory">The account's clients.</param>
    /// <param name="options">The task hub and payload limits.</param>
    /// <param name="timeProvider">The clock of waits between polls; the system clock when null. Visibility timeouts
    /// run on the service's clock.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public AzureStorageBackend(StorageClientFactory factory, AzureStorageBackendOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Names = new TaskHubNames(options.TaskHubName);
        _table = factory.GetTableClient(Names.InstancesTable);
        _container = factory.GetBlobContainerClient(Names.PayloadContainer);
        var control = factory.GetQueueClient(Names.ControlQueue);
        var workItems = factory.GetQueueClient(Names.WorkItemQueue);
        var poison = factory.GetQueueClient(Names.PoisonQueue);
        _queues = [control, workItems, poison];

        var codec = options.Codec ?? new StateCodec(new StateCodecOptions { Encrypt = false });
        var payloads = new PayloadBlobs(_container, new PayloadProtector(codec));
        var messages = new WorkItemMessages(payloads, options.MaxInlineMessageChars);
        var time = timeProvider ?? TimeProvider.System;
        Store = new AzureInstanceStore(_table, payloads, options.MaxInlinePayloadChars, codec);
        ControlQueue = new AzureWorkItemQueue(control, poison, messages, time);
        ActivityQueue = new AzureWorkItemQueue(workItems, poison, messages, time);
    }

    /// <summary>The names of the task hub's table, queues and container.</summary>
    public TaskHubNames Names { get; }

    /// <inheritdoc />
    public IInstanceStore Store { get; }

    /// <inheritdoc />
    public IWorkItemQueue ControlQueue { get; }

    /// <inheritdoc />
    public IWorkItemQueue ActivityQueue { get; }

    /// <inheritdoc />
    public async ValueTask CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(
            [
                _table.CreateIfNotExistsAsync(cancellationToken),
                _container.CreateIfNotExistsAsync(cancellationToken),
                .. _queues.Select(q => q.CreateIfNotExistsAsync(cancellationToken)),
            ]).ConfigureAwait(false);

    /// <summary>Deletes the task hub's table, queues and container with everything in them; missing ones are skipped.</summary>
    public async ValueTask DeleteTaskHubAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(
            [
                IgnoreMissingAsync(_table.DeleteAsync(cancellationToken)),
                IgnoreMissingAsync(_container.DeleteAsync(cancellationToken)),
                .. _queues.Select(q => IgnoreMissingAsync(q.DeleteAsync(cancellationToken))),
            ]).ConfigureAwait(false);

    private static async Task IgnoreMissingAsync(Task delete)
    {
        try
        {
            await delete.ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            // Never created, or deleted already.
        }
    }
}
