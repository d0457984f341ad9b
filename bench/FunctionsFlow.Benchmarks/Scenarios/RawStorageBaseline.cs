using System.Diagnostics;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>The storage operations an activity round trip needs, done directly: the baseline the engine is compared with.</summary>
/// <remarks>Per round: a queue send, receive and delete (the activity request), a queue send, receive and delete
/// (its answer), a partition query (load) and an entity-group transaction (commit), a merge (clear the outbox).</remarks>
public sealed class RawStorageBaseline(StorageClientFactory factory)
{
    public const int RequestsPerRound = 9;

    public Task<TimeSpan> RunAsync(int rounds, int parallelism) => RawScratch.RunAsync(factory, "raw", async (queue, table) =>
        {
            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, rounds), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
            {
                var pk = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (var hop = 0; hop < 2; hop++)
                {
                    await queue.SendMessageAsync("{\"n\":" + i + "}", cancellationToken: ct).ConfigureAwait(false);
                    var received = await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
                    foreach (var m in received)
                    {
                        await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct).ConfigureAwait(false);
                    }
                }

                await table.QueryAsync(TableFilter.PartitionKeyEquals(pk), cancellationToken: ct).ConfigureAwait(false);
                var row = new TableEntity(pk, "instance") { ["State"] = "x" };
                await table.SubmitTransactionAsync([TableTransactionAction.Upsert(row, TableUpdateMode.Replace), TableTransactionAction.Add(new TableEntity(pk, "h" + i))], ct).ConfigureAwait(false);
                await table.UpsertEntityAsync(new TableEntity(pk, "instance") { ["Outbox"] = string.Empty }, TableUpdateMode.Merge, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return watch.Elapsed;
        });
}
