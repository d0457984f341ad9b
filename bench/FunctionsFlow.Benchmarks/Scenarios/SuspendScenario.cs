using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Workflows;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Suspension;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Suspend and resume of declarative workflows on Azurite, with state encryption on (as in Azure): a flow
/// with 10 MiB of state suspending and resuming, each against the raw blob operation of the same bytes in the same
/// run; then many small flows suspended at once, for memory and resume latency (arguments: runs, flows).</summary>
public static class SuspendScenario
{
    private const string BigWait = """
        id: big-wait
        name: Big state, then a wait
        steps:
          - {id: load, http: {method: GET, url: "${ input.url }"}}
          - {id: wait, waitForInput: {name: go}}
          - {id: after, set: {items: "${ length(steps.load.output.body.items) }"}}
        """;

    private const string SmallWait = """
        id: small-wait
        name: A wait
        steps:
          - {id: wait, waitForInput: {name: go}}
          - {id: after, return: "${ steps.wait.output }"}
        """;

    public static async Task<int> RunAsync(StorageAccount account, string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var flows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        await using var hub = await Hub.StartAsync(account).ConfigureAwait(false);

        // Many small flows first, while nothing else has filled the process's buffer pools (0 flows: skip them).
        if (flows > 0)
        {
            await MassAsync(hub, flows).ConfigureAwait(false);
        }

        var state = LargeState(10 * 1024 * 1024);
        using var server = StateServer.Start(state);
        var raw = hub.Factory.GetBlobContainerClient(hub.Names.PayloadContainer);

        var suspends = new List<(double Engine, double Raw)>();
        var resumes = new List<(double Engine, double Raw)>();
        var breakdown = string.Empty;
        var suspendBreakdown = string.Empty;
        for (var run = 0; run <= runs; run++)
        {
            string id;
            DateTimeOffset started, waiting;
            Settle();
            using (var spans = new SpanRecorder())
            {
                id = await hub.StartAsync("big-wait", new { url = server.Url }).ConfigureAwait(false);
                (started, waiting) = await hub.TimeSuspendAsync(id).ConfigureAwait(false);
                suspendBreakdown = string.Create(CultureInfo.InvariantCulture, $"{(waiting - started).TotalMilliseconds:0.0} ms from the wait step's start:{Environment.NewLine}{spans.Describe()}");
            }

            Settle();
            var rawUpload = await TimeAsync(() => raw.UploadAsync($"raw/{run}", new BinaryData(state))).ConfigureAwait(false);

            // Resume cold, as after a restart or on another instance of the app: a new worker reads the checkpoint.
            await hub.RestartWorkerAsync().ConfigureAwait(false);
            double resumed;
            Settle();
            using (var spans = new SpanRecorder())
            {
                resumed = await hub.TimeResumeAsync(id, "after").ConfigureAwait(false);
                breakdown = string.Create(CultureInfo.InvariantCulture, $"{resumed:0.0} ms in all:{Environment.NewLine}{spans.Describe()}");
            }

            Settle();
            var rawDownload = await TimeAsync(() => raw.DownloadContentAsync($"raw/{run}")).ConfigureAwait(false);
            if (run > 0) // the first run warms up connections and code paths
            {
                suspends.Add(((waiting - started).TotalMilliseconds, rawUpload));
                resumes.Add((resumed, rawDownload));
            }
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"State: {state.Length / 1024.0 / 1024.0:0.0} MiB of JSON; encryption on; {runs} runs (after one warm-up), medians."));
        Console.WriteLine("| measure | engine | raw blob baseline (same bytes, same run) | ratio |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Console.WriteLine(Row("suspend: wait step starts → status shows waitingFor with the link", suspends, "upload"));
        Console.WriteLine(Row("resume, cold worker: resume call → next step running", resumes, "download"));
        Console.WriteLine();
        Console.WriteLine("Spans of the last suspend (start after the flow's start, duration):");
        Console.WriteLine(suspendBreakdown);
        Console.WriteLine("Spans of the last cold resume (start after the resume call, duration):");
        Console.WriteLine(breakdown);
        return 0;
    }

    /// <summary>100 flows suspended, then <paramref name="flows"/>: managed memory after a full collection once they
    /// have settled (past the worker's cache idle time), and the latency of resuming a random sample of 20, at each size.</summary>
    private static async Task MassAsync(Hub hub, int flows)
    {
        Console.WriteLine("| suspended flows | time to suspend them | managed heap after GC | worker's checkpoint cache | resume latency of 20 random (median / max) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        var ids = new List<string>();
        var started = 0;
        foreach (var target in new[] { 100, flows })
        {
            var watch = Stopwatch.StartNew();
            var batch = Enumerable.Range(started, target - started).Select(i => $"mass-{i:D6}").ToList();
            started = target;
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) =>
                await hub.StartAsync("small-wait", null, id).ConfigureAwait(false)).ConfigureAwait(false);
            await Parallel.ForEachAsync(batch, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, _) =>
                await hub.WaitUntilWaitingAsync(id).ConfigureAwait(false)).ConfigureAwait(false);
            ids.AddRange(batch);
            var suspendTime = watch.Elapsed;

            // Settled: past the worker's cache idle time, then one more flow (whose write sweeps idle entries).
            await Task.Delay(new DurableWorkerOptions().CheckpointCacheIdle + TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            var settle = $"settle-{target}";
            await hub.StartAsync("small-wait", null, settle).ConfigureAwait(false);
            await hub.WaitUntilWaitingAsync(settle).ConfigureAwait(false);

            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            var heap = GC.GetTotalMemory(forceFullCollection: true);

            var sample = ids.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue)).Take(20).ToList();
            ids.RemoveAll(sample.Contains);
            var latencies = new List<double>();
            foreach (var id in sample)
            {
                latencies.Add(await hub.TimeResumeAsync(id, "after").ConfigureAwait(false));
            }

            latencies.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {target:N0} | {suspendTime.TotalSeconds:0.0} s | {heap / 1024.0 / 1024.0:0.0} MiB | {hub.CheckpointCacheNote} | {latencies[latencies.Count / 2]:0} ms / {latencies[^1]:0} ms |"));
        }
    }

    /// <summary>A full collection before each timed operation, so none pays for the garbage of the one before.</summary>
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }

    private static string Row(string name, List<(double Engine, double Raw)> runs, string baseline)
    {
        var engine = Median(runs.Select(r => r.Engine));
        var raw = Median(runs.Select(r => r.Raw));
        var ratio = Median(runs.Select(r => r.Engine / r.Raw));
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {engine:0} ms | {raw:0} ms ({baseline}) | {ratio:0.00}x |");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action().ConfigureAwait(false);
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>A JSON document of about <paramref name="bytes"/> bytes: order lines with ids, references and text,
    /// as compressible as typical business data.</summary>
    private static byte[] LargeState(int bytes)
    {
        var json = new StringBuilder(bytes + 1024).Append("{\"items\":[");
        for (var i = 0; json.Length < bytes; i++)
        {
            json.Append(i == 0 ? "" : ",").Append(CultureInfo.InvariantCulture,
                $"{{\"line\":{i},\"ref\":\"{Guid.NewGuid():N}\",\"sku\":\"SKU-{i % 9973:D5}\",\"quantity\":{i % 17 + 1},\"note\":\"line {i} of the order, checked\"}}");
        }

        return Encoding.UTF8.GetBytes(json.Append("]}").ToString());
    }

    /// <summary>A task hub with a worker running the interpreter, its suspension store and a client.</summary>
    private sealed class Hub : IAsyncDisposable, IPublishedWorkflowSource
    {
        private readonly Dictionary<string, ResolvedWorkflow> _published = new(StringComparer.Ordinal);
        private ServiceProvider _services = null!;
        private DurableWorker _worker = null!;

        public StorageClientFactory Factory { get; private init; } = null!;

        public AzureStorageBackend Backend { get; private init; } = null!;

        public TaskHubNames Names => Backend.Names;

        public DurableClient Client { get; private init; } = null!;

        public SuspensionStore Suspensions { get; private init; } = null!;

        public string CheckpointCacheNote => string.Create(CultureInfo.InvariantCulture, $"≤ {new DurableWorkerOptions().CheckpointCacheChars * 2 / 1024 / 1024} MiB, idle entries out after {new DurableWorkerOptions().CheckpointCacheIdle.TotalMinutes:0} min");

        public static async Task<Hub> StartAsync(StorageAccount account)
        {
            var factory = new StorageClientFactory(account);
            var codec = new StateCodec(new StateCodecOptions { KeyProvider = new StaticCodecKeyProvider([new CodecKey("bench", RandomNumberGenerator.GetBytes(32))], "bench") });
            var name = "bench" + Guid.NewGuid().ToString("N")[..12];
            var backend = new AzureStorageBackend(factory, new AzureStorageBackendOptions { TaskHubName = name, Codec = codec });
            await backend.CreateIfNotExistsAsync().ConfigureAwait(false);
            var suspensions = new SuspensionStore(factory, name, TimeProvider.System, RandomNumberGenerator.GetBytes(32), codec);
            await suspensions.CreateIfNotExistsAsync().ConfigureAwait(false);
            var hub = new Hub { Factory = factory, Backend = backend, Client = new DurableClient(backend, TimeProvider.System), Suspensions = suspensions };
            hub._published["big-wait"] = new ResolvedWorkflow(1, BigWait);
            hub._published["small-wait"] = new ResolvedWorkflow(1, SmallWait);
            await hub.StartWorkerAsync().ConfigureAwait(false);
            return hub;
        }

        public Task<ResolvedWorkflow?> GetLatestAsync(WorkflowReference reference, CancellationToken cancellationToken) =>
            Task.FromResult(_published.GetValueOrDefault(reference.WorkflowId));

        public async Task<string> StartAsync(string workflowId, object? input, string? instanceId = null)
        {
            var run = new WorkflowRunInput("bench", workflowId, 1, _published[workflowId].Source, input is null ? null : JsonSerializer.SerializeToElement(input));
            return await Client.ScheduleNewOrchestrationInstanceAsync(WorkflowOrchestrator.Name, run, new StartOrchestrationOptions(instanceId)).ConfigureAwait(false);
        }

        /// <summary>When the wait step started (orchestration time) and when the status first showed it waiting with a link
        /// (looked at after each episode or activity of the engine ends, so the scenario's reads do not compete with the
        /// engine's for Azurite, which serves one request at a time).</summary>
        public async Task<(DateTimeOffset Started, DateTimeOffset Waiting)> TimeSuspendAsync(string id)
        {
            while (true)
            {
                var status = await Client.GetInstanceAsync(id).ConfigureAwait(false);
                if (Progress(status) is { Waiting.Count: 1 } progress && await Suspensions.GetKeyAsync(id, "wait").ConfigureAwait(false) is not null)
                {
                    var seen = DateTimeOffset.UtcNow;
                    return (progress.Steps.Single(s => s.StepId == "wait").StartedAt, seen);
                }

                if (status?.RuntimeStatus.IsTerminal() == true)
                {
                    throw new InvalidOperationException($"{id} ended {status.RuntimeStatus}: {status.FailureDetails?.ErrorMessage}");
                }

                await EngineProgress.NextAsync().ConfigureAwait(false);
            }
        }

        public async Task WaitUntilWaitingAsync(string id)
        {
            while (await Suspensions.GetKeyAsync(id, "wait").ConfigureAwait(false) is null)
            {
                await Task.Delay(50).ConfigureAwait(false);
            }
        }

        /// <summary>Resumes through what the webhook does (find the key, claim it, raise the event) and times it until
        /// <paramref name="nextStep"/> has started.</summary>
        public async Task<double> TimeResumeAsync(string id, string nextStep)
        {
            var key = await Suspensions.GetKeyAsync(id, "wait").ConfigureAwait(false) ?? throw new InvalidOperationException($"{id} has no key.");
            var watch = Stopwatch.StartNew();
            using (SpanRecorder.Source.StartActivity("resume call"))
            {
                var record = await Suspensions.FindAsync(SuspensionKeys.HashOf(key)).ConfigureAwait(false);
                if (record is null || !await Suspensions.TryClaimAsync(record, "{\"ok\":true}").ConfigureAwait(false))
                {
                    throw new InvalidOperationException($"The key of {id} could not be claimed.");
                }

                await Client.RaiseEventAsync(id, record.Wait.Name, new { ok = true }).ConfigureAwait(false);
            }

            while (Progress(await Client.GetInstanceAsync(id).ConfigureAwait(false))?.Steps.Any(s => s.StepId == nextStep) != true)
            {
                await EngineProgress.NextAsync().ConfigureAwait(false);
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        public async Task RestartWorkerAsync()
        {
            await _worker.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _services.DisposeAsync().ConfigureAwait(false);
            await StartWorkerAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            await _worker.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _services.DisposeAsync().ConfigureAwait(false);
            await Backend.DeleteTaskHubAsync().ConfigureAwait(false);
            await Suspensions.DeleteStorageAsync().ConfigureAwait(false);
        }

        private static WorkflowProgress? Progress(OrchestrationMetadata? status) =>
            status?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<WorkflowProgress>(json, JsonSerializerOptions.Web) : null;

        private async Task StartWorkerAsync()
        {
            _services = new ServiceCollection()
                .AddSingleton(TimeProvider.System)
                .AddSingleton(Suspensions)
                .AddSingleton<IPublishedWorkflowSource>(this)
                .AddSingleton(new WorkflowHttpOptions { MaxResponseBytes = 32 * 1024 * 1024 })
                .AddWorkflowStores()
                .BuildServiceProvider();
            _worker = new DurableWorker(Backend, new DurableTaskRegistry().AddWorkflowInterpreter(), _services, new DurableWorkerOptions(), TimeProvider.System, NullLoggerFactory.Instance);
            await _worker.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Wakes the scenario when one of the engine's episodes or activities ends (or after 20 ms at the latest).</summary>
    private static class EngineProgress
    {
        private static readonly SemaphoreSlim Ended = new(0);

        private static readonly ActivityListener Listener = Listen();

        public static async Task NextAsync()
        {
            GC.KeepAlive(Listener);
            await Ended.WaitAsync(TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }

        private static ActivityListener Listen()
        {
            var listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "FunctionsFlow.Durable",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = span =>
                {
                    if (span.OperationName is "orchestration" || span.OperationName.StartsWith("activity ", StringComparison.Ordinal))
                    {
                        Ended.Release();
                    }
                },
            };
            ActivitySource.AddActivityListener(listener);
            return listener;
        }
    }

    /// <summary>Serves the large state on a loopback port.</summary>
    private sealed class StateServer : IDisposable
    {
        private readonly HttpListener _listener = new();

        public string Url { get; private set; } = string.Empty;

        public static StateServer Start(byte[] body)
        {
            var server = new StateServer();
            var port = FreePort();
            server.Url = $"http://127.0.0.1:{port}/state";
            server._listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            server._listener.Start();
            _ = Task.Run(async () =>
            {
                while (server._listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await server._listener.GetContextAsync().ConfigureAwait(false);
                    }
                    catch (HttpListenerException)
                    {
                        return;
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }

                    context.Response.ContentType = "application/json";
                    context.Response.ContentLength64 = body.Length;
                    await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
                    context.Response.Close();
                }
            });
            return server;
        }

        public void Dispose() => _listener.Close();

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
