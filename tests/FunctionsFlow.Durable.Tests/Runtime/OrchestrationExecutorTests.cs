using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Runtime;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging.Abstractions;

namespace FunctionsFlow.Durable.Tests.Runtime;

public sealed class OrchestrationExecutorTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly OrchestrationExecutor _executor = new(DataConverter.Default, NullLoggerFactory.Instance);

    private static List<HistoryEvent> StartedWithOneActivity(string name) =>
    [
        new OrchestratorStartedEvent(T),
        new ExecutionStartedEvent(T, name, "i1", "e1", null),
        new TaskScheduledEvent(T, 0, "Step", null),
    ];

    [Fact]
    public void Terminate_InTheSameEpisodeAsACompletion_DispatchesNothingMore()
    {
        var episode = _executor.Execute(new TwoSteps(), StartedWithOneActivity("TwoSteps"),
            [new OrchestratorStartedEvent(T), new TaskCompletedEvent(T, 0, "1"), new ExecutionTerminatedEvent(T, "stop")]);

        Assert.Empty(episode.Actions);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, episode.Outcome!.Status);
    }

    [Fact]
    public void ResultThatCannotBeDeserialized_FailsTheInstance_InsteadOfThrowing()
    {
        var episode = _executor.Execute(new AwaitsAnInterface(), StartedWithOneActivity("AwaitsAnInterface"),
            [new OrchestratorStartedEvent(T), new TaskCompletedEvent(T, 0, "{}")]);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, episode.Outcome!.Status);
        Assert.Equal(typeof(TaskFailedException).FullName, episode.Outcome.Failure!.ErrorType);
    }

    private sealed class TwoSteps : TaskOrchestrator<object?, int>
    {
        public override async Task<int> RunAsync(TaskOrchestrationContext context, object? input) =>
            await context.CallActivityAsync<int>("Step") + await context.CallActivityAsync<int>("Step");
    }

    private sealed class AwaitsAnInterface : TaskOrchestrator<object?, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, object? input) =>
            (await context.CallActivityAsync<IDisposable>("Step")).ToString() ?? string.Empty;
    }
}
