using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Runtime;
using FunctionsFlow.Durable.Serialization;
using FunctionsFlow.Testing;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Tests.Runtime;

public sealed class ReplaySafeLoggerTests
{
    [Fact]
    public void ReplaySafeLogger_WritesOnlyWhatHappensAfterTheReplay()
    {
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var executor = new OrchestrationExecutor(DataConverter.Default, factory);
        var t = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IReadOnlyList<HistoryEvent> past =
        [
            new OrchestratorStartedEvent(t),
            new ExecutionStartedEvent(t, "Logging", "i1", "e1", null),
            new TaskScheduledEvent(t, 0, "Step", null),
        ];
        IReadOnlyList<HistoryEvent> incoming = [new OrchestratorStartedEvent(t.AddSeconds(1)), new TaskCompletedEvent(t.AddSeconds(1), 0, "1")];

        var episode = executor.Execute(new Logging(), past, incoming);

        Assert.Equal(["after step 1"], logs.Messages);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, episode.Outcome!.Status);
    }

    private sealed class Logging : TaskOrchestrator<object?, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input)
        {
            var logger = context.CreateReplaySafeLogger("test");
#pragma warning disable CA1848, CA1873 // a test of the logger itself
            logger.LogInformation("before step");
            var n = await context.CallActivityAsync<int>("Step");
            logger.LogInformation("after step {N}", n);
#pragma warning restore CA1848, CA1873
            return n;
        }
    }
}
