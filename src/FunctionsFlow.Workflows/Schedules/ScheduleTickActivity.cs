using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>The activity through which a schedule's orchestration ticks (all its I/O happens here).</summary>
public sealed class ScheduleTickActivity(ScheduleTicker ticker) : TaskActivity<ScheduleRef, ScheduleTick>
{
    /// <summary>The activity's registered name.</summary>
    public const string Name = "functionsflow.scheduleTick";

    /// <inheritdoc />
    public override Task<ScheduleTick> RunAsync(TaskActivityContext context, ScheduleRef input, CancellationToken cancellationToken) =>
        ticker.TickAsync(input, cancellationToken);
}
