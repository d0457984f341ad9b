using System.Diagnostics;
using System.Globalization;
using FunctionsFlow.Durable.Entities;
using FunctionsFlow.Storage;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Entity operations per second on one entity and across many, against the raw storage work one
/// operation needs (<see cref="RawEntityBaseline"/>), with one worker on a fresh task hub.</summary>
public static class EntityScenario
{
    private const int SpreadEntities = 100;
    private const int IdleCalls = 30;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(StorageAccount account, string[] args)
    {
        var operations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var parallelism = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 32;
        var calls = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : operations / 2;
        var logs = new CountingLoggerFactory();
        await using var host = await ScenarioHost.StartAsync(account, logs).ConfigureAwait(false);
        await using var probe = new StallProbe(host.ObserverBackend.ControlQueue);
        try
        {
            return await MeasureAsync(host, probe, logs, operations, parallelism, calls).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            Diagnose(probe, logs, Console.Error);
            throw;
        }
    }

    private static async Task<int> MeasureAsync(ScenarioHost host, StallProbe probe, CountingLoggerFactory logs, int operations, int parallelism, int calls)
    {
        var raw = new RawEntityBaseline(host.Factory);

        probe.Phase("warm-up");
        await SignalAsync(host, "warm", 1, 50, 8).ConfigureAwait(false); // warm up connections and code paths
        await host.Client.CallEntityAsync(new EntityInstanceId("counter", "warm"), "add", 1).ConfigureAwait(false);
        await raw.RunAsync(50, 1, 8).ConfigureAwait(false);

        // 1. Signals to one entity, then spread round-robin over 100, each against the raw work with the same parallelism.
        // The machine is shared and its load drifts: the raw work runs right before and right after, and counts as their mean.
        probe.Phase("raw, one entity");
        var rawOneBefore = await raw.RunAsync(operations, 1, parallelism).ConfigureAwait(false);
        probe.Phase("signals, one entity");
        var one = await SignalAsync(host, "one", 1, operations, parallelism).ConfigureAwait(false);
        probe.Phase("raw, one entity");
        var rawOneAfter = await raw.RunAsync(operations, 1, parallelism).ConfigureAwait(false);
        probe.Phase($"raw, {SpreadEntities} entities");
        var rawSpreadBefore = await raw.RunAsync(operations, SpreadEntities, parallelism).ConfigureAwait(false);
        probe.Phase($"signals, {SpreadEntities} entities");
        var spread = await SignalAsync(host, "many", SpreadEntities, operations, parallelism).ConfigureAwait(false);
        probe.Phase($"raw, {SpreadEntities} entities");
        var rawSpreadAfter = await raw.RunAsync(operations, SpreadEntities, parallelism).ConfigureAwait(false);
        var rawOne = (rawOneBefore + rawOneAfter) / 2;
        var rawSpread = (rawSpreadBefore + rawSpreadAfter) / 2;

        // 2. Client calls on one entity, that many callers at once; the raw work is that of the one-entity signals.
        probe.Phase("client calls");
        var called = await CallAsync(host, "calls", calls, parallelism).ConfigureAwait(false);

        // 3. One call's latency with an idle worker.
        probe.Phase("idle calls");
        var idle = new List<double>();
        var target = new EntityInstanceId("counter", "idle");
        for (var i = 0; i < IdleCalls; i++)
        {
            await Task.Delay(600).ConfigureAwait(false); // the worker's polling backs off to its maximum (250 ms)
            var watch = Stopwatch.StartNew();
            await host.Client.CallEntityAsync(target, "add", 1).ConfigureAwait(false);
            idle.Add(watch.Elapsed.TotalMilliseconds);
        }

        await WaitForStateAsync(host, target, IdleCalls, Stopwatch.StartNew()).ConfigureAwait(false); // every call was applied once
        probe.Phase("done");

        idle.Sort();
        Console.WriteLine(Text($"{operations} operations, {parallelism} at a time; one worker with default options."));
        Console.WriteLine();
        Console.WriteLine("| scenario | engine | raw storage baseline | engine ops/s ÷ raw ops/s |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine(Row($"signals, one entity", one, rawOne, operations));
        Console.WriteLine(Row($"signals, {SpreadEntities} entities", spread, rawSpread, operations));
        Console.WriteLine(Row($"client calls, one entity, {parallelism} callers", called, rawOne, operations));
        Console.WriteLine();
        Console.WriteLine("| scenario | requests/op | receives/op | sending done | table writes | per op by kind (mean, longest) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var (name, run) in new[] { ("signals, one entity", one), ($"signals, {SpreadEntities} entities", spread), ($"client calls, {parallelism} callers", called) })
        {
            var kinds = string.Join(", ", run.ByKind.Select(k => Text($"{k.Kind} {(double)k.Count / run.Operations:0.00} ({k.Elapsed.TotalMilliseconds / k.Count:0.0} ms, {k.Longest.TotalMilliseconds:0} ms)")));
            Console.WriteLine(Text(
                $"| {name} | {(double)run.Requests / run.Operations:0.00} | {(double)run.Receives / run.Operations:0.00} | {run.Sending.TotalMilliseconds:0} ms | {run.TableWrites} | {kinds} |"));
        }

        Console.WriteLine();
        Console.WriteLine(Text($"Raw baseline: {RawEntityBaseline.RequestsPerOperation} requests per operation; one entity {rawOneBefore.TotalMilliseconds:0} ms before, {rawOneAfter.TotalMilliseconds:0} ms after, 100 entities {rawSpreadBefore.TotalMilliseconds:0} ms before, {rawSpreadAfter.TotalMilliseconds:0} ms after."));
        if (called.Latencies.Count > 0)
        {
            Console.WriteLine(Text($"Client call latency under load: median {Percentile(called.Latencies, 0.5):0} ms, p95 {Percentile(called.Latencies, 0.95):0} ms."));
        }

        Console.WriteLine(Text($"Client call latency, idle worker: median {Percentile(idle, 0.5):0} ms, p95 {Percentile(idle, 0.95):0} ms, max {idle[^1]:0} ms ({IdleCalls} calls)."));
        Diagnose(probe, logs, Console.Out);
        return 0;
    }

    /// <summary>Prints the storage service's stalls and the worker's log events of the whole run.</summary>
    private static void Diagnose(StallProbe probe, CountingLoggerFactory logs, TextWriter output)
    {
        var stalls = probe.Report();
        output.WriteLine(stalls.Count == 0
            ? "Storage stalls (a probe request taking 1 s or more): none."
            : "Storage stalls (a probe request taking 1 s or more): " + string.Join("; ", stalls) + ".");
        output.WriteLine("Worker log events: " + (logs.Report() is { Count: > 0 } events ? string.Join("; ", events) : "none") + ".");
    }

    private static async Task<Run> SignalAsync(ScenarioHost host, string prefix, int entities, int operations, int parallelism)
    {
        var ids = Ids(prefix, entities);
        host.Counter.Reset();
        var watch = Stopwatch.StartNew();
        var sending = SendAllAsync();
        for (var e = 0; e < entities; e++)
        {
            await WaitForStateAsync(host, ids[e], Expected(e, entities, operations), watch).ConfigureAwait(false);
        }

        var elapsed = watch.Elapsed;
        var sent = await sending.ConfigureAwait(false);
        return await SettleAsync(host, operations, elapsed, sent, []).ConfigureAwait(false);

        async Task<TimeSpan> SendAllAsync()
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, operations), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, ct) =>
                await host.Client.SignalEntityAsync(ids[i % entities], "add", 1, cancellationToken: ct).ConfigureAwait(false)).ConfigureAwait(false);
            return watch.Elapsed;
        }
    }

    private static async Task<Run> CallAsync(ScenarioHost host, string key, int operations, int callers)
    {
        var id = new EntityInstanceId("counter", key);
        var latencies = new List<double>(operations);
        host.Counter.Reset();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, operations), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (_, ct) =>
        {
            var start = watch.Elapsed;
            await host.Client.CallEntityAsync(id, "add", 1, ct).ConfigureAwait(false);
            var latency = (watch.Elapsed - start).TotalMilliseconds;
            lock (latencies)
            {
                latencies.Add(latency);
            }
        }).ConfigureAwait(false);
        var elapsed = watch.Elapsed;
        await WaitForStateAsync(host, id, operations, watch).ConfigureAwait(false); // every call was applied once
        latencies.Sort();
        return await SettleAsync(host, operations, elapsed, elapsed, latencies).ConfigureAwait(false);
    }

    /// <summary>Waits until the worker has deleted every message it applied, then reads the request counts.</summary>
    private static async Task<Run> SettleAsync(ScenarioHost host, int operations, TimeSpan elapsed, TimeSpan sending, List<double> latencies)
    {
        while (await host.ObserverBackend.ControlQueue.GetApproximateCountAsync().ConfigureAwait(false) > 0)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }

        var byKind = host.Counter.ByKind;
        var writes = byKind.Where(k => k.Kind is "table POST" or "table PUT" or "table MERGE" or "table PATCH" or "table $batch").Sum(k => k.Count);
        return new Run(operations, elapsed, sending, host.Counter.Requests, host.Counter.Receives, writes, byKind, latencies);
    }

    private static async Task WaitForStateAsync(ScenarioHost host, EntityInstanceId id, int expected, Stopwatch watch)
    {
        while (true)
        {
            var state = (await host.Observer.GetEntityAsync<int>(id).ConfigureAwait(false))?.State ?? 0;
            if (state == expected)
            {
                return;
            }

            if (state > expected || watch.Elapsed > Deadline)
            {
                throw new InvalidOperationException(Text($"Entity {id} is at {state} after {watch.Elapsed.TotalSeconds:0} s; expected {expected}."));
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    private static EntityInstanceId[] Ids(string prefix, int entities) =>
        [.. Enumerable.Range(0, entities).Select(e => new EntityInstanceId("counter", prefix + e.ToString(CultureInfo.InvariantCulture)))];

    /// <summary>How many of the operations, sent round-robin, reach entity <paramref name="e"/>.</summary>
    private static int Expected(int e, int entities, int operations) => (operations / entities) + (e < operations % entities ? 1 : 0);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static string Row(string name, Run engine, TimeSpan raw, int rawOperations)
    {
        var engineRate = engine.Operations / engine.Elapsed.TotalSeconds;
        var rawRate = rawOperations / raw.TotalSeconds;
        return Text($"| {name} | {engine.Elapsed.TotalMilliseconds:0} ms ({engineRate:#,0} ops/s) | {raw.TotalMilliseconds:0} ms ({rawRate:#,0} ops/s) | {engineRate / rawRate:0.00}x |");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Run(
        int Operations, TimeSpan Elapsed, TimeSpan Sending, long Requests, long Receives, long TableWrites, IReadOnlyList<RequestCounter.KindCount> ByKind, List<double> Latencies);
}
