using System.Diagnostics;
using System.Globalization;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>The storage work one entity operation needs if done naively, done directly: the baseline the entity
/// scenarios are compared with.</summary>
/// <remarks>Per operation: a queue send, receive and delete (the operation's message), a point read of the entity's
/// row (load the state) and a replace of it (store the new state): 5 requests, none shared between operations.</remarks>
public sealed class RawEntityBaseline(StorageClientFactory factory)
{
    public const int RequestsPerOperation = 5;

    public Task<TimeSpan> RunAsync(int operations, int entities, int parallelism) => RawScratch.RunAsync(factory, "rawent", async (queue, table) =>
        {
            for (var e = 0; e < entities; e++)
            {
                await table.UpsertEntityAsync(Row(e, 0), TableUpdateMode.Replace).ConfigureAwait(false);
            }

            var watch = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
            {
                var entity = i % entities;
                await queue.SendMessageAsync("{\"op\":\"add\",\"n\":1}", cancellationToken: ct).ConfigureAwait(false);
                var received = await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(10), ct).ConfigureAwait(false);
                foreach (var m in received)
                {
                    await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt, ct).ConfigureAwait(false);
                }

                var row = await table.GetEntityIfExistsAsync(Key(entity), "state", cancellationToken: ct).ConfigureAwait(false);
                var state = row?["State"] is int n ? n : 0;
                await table.UpsertEntityAsync(Row(entity, state + 1), TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            return watch.Elapsed;
        });

    private static string Key(int entity) => "e" + entity.ToString(CultureInfo.InvariantCulture);

    private static TableEntity Row(int entity, int state) => new(Key(entity), "state") { ["State"] = state };
}
