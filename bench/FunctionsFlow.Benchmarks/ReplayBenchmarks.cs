using BenchmarkDotNet.Attributes;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Runtime;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Benchmarks;

/// <summary>Cost of replaying an orchestration against a history of N events (the per-event cost should be flat).</summary>
[MemoryDiagnoser]
public class ReplayBenchmarks
{
    private readonly OrchestrationExecutor _executor = new(DataConverter.Default, NullLoggerFactory.Instance);
    private readonly ITaskOrchestrator _orchestrator = new Sequential();
    private List<HistoryEvent> _history = [];

    /// <summary>History length in events.</summary>
    [Params(10, 100, 1_000, 10_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup() => _history = BuildHistory(Events);

    /// <summary>Replays the whole history; the orchestrator is waiting for its next activity at the end.</summary>
    [Benchmark]
    public int Replay() => _executor.Execute(_orchestrator, _history, []).Actions.Count;

    /// <summary>A history of about <paramref name="events"/> events: start, then activity round trips, one episode each.</summary>
    internal static List<HistoryEvent> BuildHistory(int events)
    {
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var history = new List<HistoryEvent>
        {
            new OrchestratorStartedEvent(t),
            new ExecutionStartedEvent(t, "Sequential", "bench", "e1", "null"),
        };
        for (var i = 0; history.Count < events; i++)
        {
            history.Add(new TaskScheduledEvent(t, i, "Step", "1"));
            history.Add(new OrchestratorStartedEvent(t.AddSeconds(i + 1)));
            history.Add(new TaskCompletedEvent(t.AddSeconds(i + 1), i, "1"));
        }

        return history;
    }

    /// <summary>Calls the activity "Step" until the process ends.</summary>
    private sealed class Sequential : TaskOrchestrator<object?, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var sum = 0;
            while (true)
            {
                sum += await context.CallActivityAsync<int>("Step", 1).ConfigureAwait(true);
            }
        }
    }
}
