using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Queues;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>A queue and a table of their own for one raw-storage run, deleted after it.</summary>
public static class RawScratch
{
    public static async Task<T> RunAsync<T>(StorageClientFactory factory, string prefix, Func<QueueClient, TableClient, Task<T>> run)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(run);
        var name = prefix + Guid.NewGuid().ToString("N")[..12];
        var queue = factory.GetQueueClient(name);
        var table = factory.GetTableClient(name);
        await queue.CreateIfNotExistsAsync().ConfigureAwait(false);
        await table.CreateIfNotExistsAsync().ConfigureAwait(false);
        try
        {
            return await run(queue, table).ConfigureAwait(false);
        }
        finally
        {
            await queue.DeleteAsync().ConfigureAwait(false);
            await table.DeleteAsync().ConfigureAwait(false);
        }
    }
}
