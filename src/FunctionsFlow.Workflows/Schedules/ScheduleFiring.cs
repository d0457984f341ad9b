using FunctionsFlow.Durable;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>The runs of one tick as they are decided, with whether an execution of the schedule is running, which
/// each decision changes.</summary>
internal sealed class ScheduleFiring
{
    private readonly Schedule _schedule;
    private bool _running;

    public ScheduleFiring(Schedule schedule, ScheduleProgress progress, IReadOnlyDictionary<string, OrchestrationRuntimeStatus?> statuses)
    {
        _schedule = schedule;
        Runs = [.. progress.Runs];
        Buffered = progress.BufferedDueAt;
        LastExecutionId = progress.LastExecutionId;
        _running = progress.Runs.Any(run => run.Outcome == ScheduleRunOutcome.Starting) ||
            (LastExecutionId is { } last && statuses.TryGetValue(last, out var status) && status is { } known && !known.IsTerminal());
    }

    public List<ScheduleRun> Runs { get; }

    public DateTimeOffset? Buffered { get; private set; }

    public string? LastExecutionId { get; private set; }

    /// <summary>Starts the buffered run if the execution it waited for has ended.</summary>
    public void StartBuffered()
    {
        if (Buffered is { } due && !_running)
        {
            Runs.RemoveAll(run => run.DueAt == due && run.Outcome == ScheduleRunOutcome.Buffered);
            Buffered = null;
            Claim(due);
        }
    }

    /// <summary>A due time to start, under the overlap policy.</summary>
    public void Fire(DateTimeOffset due, OverlapPolicy overlap)
    {
        if (!_running || overlap == OverlapPolicy.Allow)
        {
            Claim(due);
        }
        else if (overlap == OverlapPolicy.BufferOne && Buffered is null)
        {
            Buffered = due;
            Runs.Add(new ScheduleRun(due, ScheduleRunOutcome.Buffered, Detail: $"Waits for {LastExecutionId} to end."));
        }
        else
        {
            var why = overlap == OverlapPolicy.BufferOne ? "and another run already waits" : "(overlap Skip)";
            Runs.Add(new ScheduleRun(due, ScheduleRunOutcome.Skipped, Detail: $"The previous run {LastExecutionId} was still running {why}."));
        }
    }

    /// <summary>A due time not to start under the catch-up policy.</summary>
    public void Miss(DateTimeOffset due, CatchUpPolicy catchUp) =>
        Runs.Add(new ScheduleRun(due, ScheduleRunOutcome.Missed, Detail: $"It came due while the schedule could not fire (catch-up {catchUp})."));

    private void Claim(DateTimeOffset due)
    {
        var executionId = _schedule.ExecutionIdFor(due);
        Runs.Add(new ScheduleRun(due, ScheduleRunOutcome.Starting, executionId));
        LastExecutionId = executionId;
        _running = true;
    }
}
