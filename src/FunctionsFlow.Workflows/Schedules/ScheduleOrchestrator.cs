using FunctionsFlow.Durable;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>Drives one schedule: ticks (an activity), then sleeps on a durable timer until the next due time or until
/// woken by a change (<see cref="WakeEvent"/>), then continues as new, so its history stays a few events long however
/// long the schedule lives. Everything the schedule knows is in its row, so this orchestration can be started again
/// at any time without losing or repeating a run.</summary>
public sealed partial class ScheduleOrchestrator(ScheduleOptions options) : TaskOrchestrator<ScheduleRef, object?>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "functionsflow.schedule";

    /// <summary>The event that makes the schedule tick at once (after a pause, resume or delete).</summary>
    public const string WakeEvent = "wake";

    private static readonly TaskOptions TickRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0));

    /// <inheritdoc />
    public override async Task<object?> RunAsync(TaskOrchestrationContext context, ScheduleRef input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        ScheduleTick tick;
        try
        {
            tick = await context.CallActivityAsync<ScheduleTick>(ScheduleTickActivity.Name, input, TickRetry).ConfigureAwait(true);
        }
        catch (TaskFailedException ex)
        {
            // Storage trouble: the row keeps every claim, so ticking again later neither loses nor repeats a run.
            Log.TickFailed(context.CreateReplaySafeLogger(typeof(ScheduleOrchestrator).FullName!), input.Owner, input.Id, ex.FailureDetails.ErrorMessage);
            tick = new ScheduleTick(context.CurrentUtcDateTime + options.RetryDelay, Stop: false);
        }

        if (tick.Stop)
        {
            return null;
        }

        using (var cancel = new CancellationTokenSource())
        {
            var wake = context.WaitForExternalEvent<object?>(WakeEvent, cancel.Token);
            if (tick.WakeAt is { } wakeAt)
            {
                await Task.WhenAny(wake, context.CreateTimer(wakeAt.UtcDateTime, cancel.Token)).ConfigureAwait(true);
            }
            else
            {
                await wake.ConfigureAwait(true);
            }

            // Synchronously: CancelAsync would run the callbacks outside the orchestration's scheduler.
#pragma warning disable CA1849
            cancel.Cancel();
#pragma warning restore CA1849
        }

        context.ContinueAsNew(input);
        return null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Schedule {Owner}/{ScheduleId}: a tick failed and is tried again later: {Reason}")]
        public static partial void TickFailed(ILogger logger, string owner, string scheduleId, string reason);
    }
}
