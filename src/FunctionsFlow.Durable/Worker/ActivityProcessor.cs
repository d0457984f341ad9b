using System.Diagnostics;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Diagnostics;
using FunctionsFlow.Durable.History;
using FunctionsFlow.Durable.Serialization;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable.Worker;

/// <summary>Runs one activity request and reports the result to its orchestration.</summary>
/// <remarks>At least once: the result is sent before the request is deleted, so a crash in between runs the
/// activity again; the orchestration keeps only the first completion.</remarks>
internal sealed class ActivityProcessor(
    IDurableBackend backend,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    DurableWorkerOptions options,
    TimeProvider time,
    ILogger logger)
{
    public async Task ProcessAsync(ReceivedWorkItem received, CancellationToken cancellationToken)
    {
        var item = (ActivityWorkItem)received.Item;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var keepHidden = KeepHiddenAsync(received, renewal.Token);
        HistoryEvent result;
        try
        {
            result = await RunAsync(item, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await keepHidden.ConfigureAwait(false);
        }

        var reply = new OrchestrationWorkItem(Guid.NewGuid().ToString("N"), item.InstanceId, item.ExecutionId, result);
        await backend.ControlQueue.SendAsync(reply, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        await backend.ActivityQueue.CompleteAsync(received, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HistoryEvent> RunAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        using var span = DurableTelemetry.Source.StartActivity("activity " + item.Name, ActivityKind.Internal);
        span?.SetTag("functionsflow.instance_id", item.InstanceId);
        span?.SetTag("functionsflow.activity", item.Name);
        var started = time.GetTimestamp();
        var outcome = "Failed";
        try
        {
            var activity = registry.CreateActivity(item.Name, services)
                ?? throw new InvalidOperationException($"No activity named '{item.Name}' is registered with this worker.");
            var input = converter.Deserialize(item.Input, activity.InputType);
            var context = new TaskActivityContext(item.Name, item.InstanceId, item.ExecutionId, item.TaskId);
            var output = await activity.RunAsync(context, input, cancellationToken).ConfigureAwait(false);
            outcome = "Completed";
            return new TaskCompletedEvent(time.GetUtcNow(), item.TaskId, converter.Serialize(output));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            DurableLog.ActivityFailed(logger, item.Name, item.TaskId, item.InstanceId, ex);
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            return new TaskFailedEvent(time.GetUtcNow(), item.TaskId, TaskFailureDetails.FromException(ex));
        }
        finally
        {
            var tags = new TagList { { "activity", item.Name }, { "outcome", outcome } };
            DurableTelemetry.Activities.Add(1, tags);
            DurableTelemetry.ActivityDuration.Record(time.GetElapsedTime(started).TotalMilliseconds, tags);
        }
    }

    private async Task KeepHiddenAsync(ReceivedWorkItem received, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.VisibilityTimeout / 2, cancellationToken).ConfigureAwait(false);
                try
                {
                    await backend.ActivityQueue.RenewAsync(received, options.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed renewal must not cost the activity its result: try again at the next interval.
                    DurableLog.ActivityDispatchFailed(logger, received.Item.InstanceId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The activity finished (or the worker stops): nothing more to renew.
        }
    }
}
