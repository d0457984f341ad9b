using System.Diagnostics;
using System.Globalization;
using FunctionsFlow.Storage;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>End-to-end scenarios against the account in FUNCTIONSFLOW_BENCH_STORAGE (Azurite, see scripts/bench.sh):
/// orchestrations by default (arguments: activities in sequence, activities fanned out), entities with
/// <c>entities</c> (arguments: operations, parallelism, client calls).</summary>
public static class ScenarioRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("FUNCTIONSFLOW_BENCH_STORAGE");
        if (string.IsNullOrWhiteSpace(connection))
        {
            await Console.Error.WriteLineAsync("Set FUNCTIONSFLOW_BENCH_STORAGE (scripts/bench.sh does).").ConfigureAwait(false);
            return 2;
        }

        var account = StorageAccount.Parse(connection);
        if (args.Length > 0 && args[0] == "entities")
        {
            return await EntityScenario.RunAsync(account, args[1..]).ConfigureAwait(false);
        }

        if (args.Length > 0 && args[0] == "suspend")
        {
            return await SuspendScenario.RunAsync(account, args[1..]).ConfigureAwait(false);
        }

        var sequential = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var fanOut = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        await using var host = await ScenarioHost.StartAsync(account).ConfigureAwait(false);
        var raw = new RawStorageBaseline(host.Factory);

        await host.RunAsync("Sequence", 3).ConfigureAwait(false); // warm up connections and code paths
        await raw.RunAsync(3, 1).ConfigureAwait(false);

        // 1. Requests per activity call, and sequential throughput against the raw operations it needs.
        host.Counter.Reset();
        var watch = Stopwatch.StartNew();
        await host.RunAsync("Sequence", sequential).ConfigureAwait(false);
        var engineSequential = watch.Elapsed;
        var requestsPerActivity = (double)host.Counter.Requests / sequential;
        var receivesPerActivity = (double)host.Counter.Receives / sequential;
        var rawSequential = await raw.RunAsync(sequential, 1).ConfigureAwait(false);

        // 2. Fan-out throughput against the same raw operations with the worker's concurrency.
        watch.Restart();
        await host.RunAsync("FanOut", fanOut).ConfigureAwait(false);
        var engineFanOut = watch.Elapsed;
        var rawFanOut = await raw.RunAsync(fanOut, 16).ConfigureAwait(false);

        // 3. Latency from raising an event to the orchestration running again, with an idle worker.
        var latencies = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval").ConfigureAwait(false);
            while ((await host.Client.GetInstanceAsync(id).ConfigureAwait(false))!.RuntimeStatus != Durable.OrchestrationRuntimeStatus.Running)
            {
                await Task.Delay(5).ConfigureAwait(false);
            }

            await Task.Delay(1000).ConfigureAwait(false); // let the worker go idle: its polling backs off to the maximum
            watch.Restart();
            await host.Client.RaiseEventAsync(id, "approval", "yes").ConfigureAwait(false);
            await host.Client.WaitForInstanceCompletionAsync(id).ConfigureAwait(false);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        Console.WriteLine("| scenario | engine | raw storage baseline | ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine(Row($"sequential: {sequential} activities in one instance", engineSequential, rawSequential, sequential));
        Console.WriteLine(Row($"fan-out: {fanOut} activities in parallel", engineFanOut, rawFanOut, fanOut));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Storage requests per activity call: {requestsPerActivity:0.0} (plus {receivesPerActivity:0.0} queue receives while polling); the raw baseline does {RawStorageBaseline.RequestsPerRound}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Event to orchestration running again, idle worker: median {latencies[latencies.Count / 2]:0} ms, max {latencies[^1]:0} ms (10 runs; includes status polling every 10-250 ms by the client)."));
        return 0;
    }

    private static string Row(string name, TimeSpan engine, TimeSpan raw, int activities) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {engine.TotalMilliseconds:0} ms ({activities / engine.TotalSeconds:0} activities/s) | {raw.TotalMilliseconds:0} ms | {engine.TotalMilliseconds / raw.TotalMilliseconds:0.00}x |");
}
