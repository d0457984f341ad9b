using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Workflows.Runtime;

namespace FunctionsFlow.Workflows.Schedules;

/// <summary>The outcome of creating a schedule: the schedule, or that the id is taken, or why its workflow cannot run.</summary>
/// <param name="Schedule">The new schedule; null when not created.</param>
/// <param name="IdTaken">True when the owner already has a schedule with the id asked for.</param>
/// <param name="Refused">Why the workflow cannot be started with the input (not found, not published, input invalid).</param>
public sealed record ScheduleCreation(Schedule? Schedule, bool IdTaken = false, WorkflowStart? Refused = null);

/// <summary>Creates, reads, pauses, resumes and deletes an owner's schedules, and keeps an orchestration driving each
/// active one. Another owner's schedule reads as absent.</summary>
public sealed partial class ScheduleService(
    ScheduleStore store, WorkflowStarter starter, DurableClient client, ScheduleTicker ticker, TimeProvider time, ScheduleOptions options)
{
    /// <summary>The options schedules run with.</summary>
    public ScheduleOptions Options => options;

    /// <summary>Creates a schedule owned by <paramref name="owner"/> and starts driving it. The workflow must be published
    /// and accept the input.</summary>
    public async Task<ScheduleCreation> CreateAsync(string owner, ScheduleRequest request, bool ownerIsAdmin = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = await starter.PrepareAsync(owner, request.WorkflowId, request.Input, cancellationToken).ConfigureAwait(false);
        if (start.Refusal is not null)
        {
            return new ScheduleCreation(null, Refused: start);
        }

        var now = time.GetUtcNow();
        var definition = new ScheduleDefinition(
            request.WorkflowId, request.Input, request.Trigger, request.Overlap, request.CatchUp, request.CatchUpWindow ?? options.DefaultCatchUpWindow, ownerIsAdmin);
        var schedule = new Schedule(
            owner, request.Id ?? ScheduleIds.NewId(), definition, SchedulePlanner.Initial(definition, now, request.Paused), ScheduleIds.NewGeneration(), now, now, string.Empty);
        if (!await store.TryAddAsync(schedule, cancellationToken).ConfigureAwait(false))
        {
            return new ScheduleCreation(null, IdTaken: true);
        }

        await WakeAsync(schedule, cancellationToken).ConfigureAwait(false);
        return new ScheduleCreation(schedule);
    }

    /// <summary>An owner's schedule with the current status of each recent run's execution, or null.</summary>
    public async Task<Schedule?> GetAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        if (await store.GetAsync(owner, id, cancellationToken).ConfigureAwait(false) is not { } schedule)
        {
            return null;
        }

        var statuses = await ticker.ReadStatusesAsync(schedule.Progress, cancellationToken).ConfigureAwait(false);
        return schedule with { Progress = SchedulePlanner.Refresh(schedule.Progress, statuses) };
    }

    /// <summary>One page of an owner's schedules, by id.</summary>
    /// <exception cref="ArgumentException">The continuation token was not issued by this listing.</exception>
    public Task<SchedulePage> ListAsync(string owner, int top = 100, string? continuationToken = null, CancellationToken cancellationToken = default) =>
        store.ListAsync(owner, top, continuationToken, cancellationToken);

    /// <summary>Pauses a schedule: from the moment this returns no run starts. Null when there is no such schedule.</summary>
    public Task<Schedule?> PauseAsync(string owner, string id, CancellationToken cancellationToken = default) =>
        ChangeAsync(owner, id, SchedulePlanner.Pause, cancellationToken);

    /// <summary>Resumes a paused schedule from its next due time after now. Null when there is no such schedule.</summary>
    public Task<Schedule?> ResumeAsync(string owner, string id, CancellationToken cancellationToken = default) =>
        ChangeAsync(owner, id, schedule => SchedulePlanner.Resume(schedule, time.GetUtcNow()), cancellationToken);

    /// <summary>Deletes a schedule (the executions it started stay); false when there is none. Its orchestration ends at its next tick, now.</summary>
    public async Task<bool> DeleteAsync(string owner, string id, CancellationToken cancellationToken = default)
    {
        if (!await store.DeleteAsync(owner, id, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        await TryRaiseWakeAsync(ScheduleIds.DriverInstanceId(owner, id), cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Starts the orchestration of every active schedule that has none running (it failed, was terminated or
    /// purged, or the app was restored from a backup). Returns how many were started.</summary>
    public async Task<int> RearmAsync(CancellationToken cancellationToken = default)
    {
        var started = 0;
        await foreach (var (owner, id) in store.ListActiveAsync(cancellationToken).ConfigureAwait(false))
        {
            var driver = await client.GetInstanceAsync(ScheduleIds.DriverInstanceId(owner, id), cancellationToken).ConfigureAwait(false);
            if (driver is null || driver.RuntimeStatus.IsTerminal())
            {
                started += await TryStartDriverAsync(new ScheduleRef(owner, id), cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }
        }

        return started;
    }

    private async Task<Schedule?> ChangeAsync(string owner, string id, Func<Schedule, ScheduleProgress> change, CancellationToken cancellationToken)
    {
        var changed = await store.UpdateAsync(
            owner,
            id,
            schedule => change(schedule) is var progress && progress != schedule.Progress ? schedule with { Progress = progress, UpdatedAt = time.GetUtcNow() } : schedule,
            cancellationToken).ConfigureAwait(false);
        if (changed is not null)
        {
            await WakeAsync(changed, cancellationToken).ConfigureAwait(false);
        }

        return changed;
    }

    /// <summary>Makes the schedule's orchestration tick now, starting it when it is not running.</summary>
    private async Task WakeAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var driver = ScheduleIds.DriverInstanceId(schedule.Owner, schedule.Id);
        if (schedule.Status != ScheduleStatus.Completed && !await TryRaiseWakeAsync(driver, cancellationToken).ConfigureAwait(false))
        {
            await TryStartDriverAsync(new ScheduleRef(schedule.Owner, schedule.Id), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryRaiseWakeAsync(string driver, CancellationToken cancellationToken)
    {
        try
        {
            await client.RaiseEventAsync(driver, ScheduleOrchestrator.WakeEvent, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is OrchestrationNotFoundException or OrchestrationStateException)
        {
            return false;
        }
    }

    private async Task<bool> TryStartDriverAsync(ScheduleRef schedule, CancellationToken cancellationToken)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                ScheduleOrchestrator.Name, schedule, new StartOrchestrationOptions(ScheduleIds.DriverInstanceId(schedule.Owner, schedule.Id)), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // Another process started it, or it has just been started again: either way it ticks now.
            return false;
        }
    }
}
