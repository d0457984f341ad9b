using System.Text;
using FunctionsFlow.Storage;

namespace FunctionsFlow.Testing;

/// <summary>Reads everything a task hub stores, to search it for what must not be there in clear.</summary>
public static class StorageScan
{
    /// <summary>Every property of every row of the task hub's tables, every blob of its containers (bytes as Latin-1)
    /// and every visible message of its queues, as one text.</summary>
    public static async Task<string> EverythingStoredAsync(this StorageClientFactory factory, string taskHub, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(factory);
        var seen = new StringBuilder();
        await foreach (var table in factory.ListTablesAsync(taskHub, cancellationToken).ConfigureAwait(false))
        {
            await foreach (var row in factory.GetTableClient(table).QueryAllAsync(null, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                foreach (var (name, value) in row)
                {
                    seen.Append(name).Append('=').Append(value).Append('\n');
                }
            }
        }

        await foreach (var container in factory.ListContainersAsync(taskHub.ToLowerInvariant(), cancellationToken).ConfigureAwait(false))
        {
            var blobs = factory.GetBlobContainerClient(container);
            await foreach (var blob in blobs.GetBlobsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                seen.Append(Encoding.Latin1.GetString((await blobs.DownloadContentAsync(blob.Name, cancellationToken).ConfigureAwait(false)).ToArray())).Append('\n');
            }
        }

        await foreach (var queue in factory.ListQueuesAsync(taskHub.ToLowerInvariant(), cancellationToken).ConfigureAwait(false))
        {
            foreach (var message in await factory.GetQueueClient(queue).PeekMessagesAsync(32, cancellationToken).ConfigureAwait(false))
            {
                seen.Append(message.Text).Append('\n');
            }
        }

        return seen.ToString();
    }
}
