using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FunctionsFlow.Durable.Backend.InMemory;
using FunctionsFlow.Durable.Diagnostics;
using FunctionsFlow.Durable.Tests.Engine;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Durable.Tests.Diagnostics;

/// <summary>The engine's spans and metrics, as a listener (OpenTelemetry or any other) sees them.</summary>
public sealed class TelemetryTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = new();
    private readonly ActivityListener _spanListener;
    private readonly MeterListener _meterListener = new();

    public TelemetryTests()
    {
        _spanListener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == DurableTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_spanListener);
        _meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DurableTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meterListener.Start();
    }

    [Fact]
    public async Task AnOrchestrationWithAnActivity_IsTracedAndCounted()
    {
        var orchestrator = "Telemetry" + Guid.NewGuid().ToString("N")[..8];
        var activity = orchestrator + "Step";
        var registry = new DurableTaskRegistry()
            .AddActivityFunc<int, int>(activity, (_, n) => Task.FromResult(n + 1))
            .AddOrchestratorFunc<int, int>(orchestrator, async (ctx, n) => await ctx.CallActivityAsync<int>(activity, n).ConfigureAwait(true));
        var clock = new ManualTimeProvider();
        await using var host = new DurableTestHost(new InMemoryBackend(clock), clock, registry, DurableTestHost.FastOptions());
        await host.StartWorkerAsync();

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(orchestrator, 1, cancellationToken: TestContext.Current.CancellationToken);
        var done = await host.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        await Eventually.TrueAsync(() => Task.FromResult(_measurements.Any(m => m.Instrument == "functionsflow.orchestrations.completed" && Equals(m.Tags["orchestration"], orchestrator))), "the completion is counted");
        var episodes = _spans.Where(s => s.DisplayName == "orchestration " + orchestrator).ToList();
        Assert.True(episodes.Count >= 2, $"{episodes.Count} episode spans");
        Assert.All(episodes, s => Assert.Equal(id, s.GetTagItem("functionsflow.instance_id")));
        var run = Assert.Single(_spans, s => s.DisplayName == "activity " + activity);
        Assert.Equal(ActivityStatusCode.Unset, run.Status);
        Assert.Contains(_measurements, m => m.Instrument == "functionsflow.orchestrations.started" && Equals(m.Tags["orchestration"], orchestrator));
        Assert.Contains(_measurements, m => m.Instrument == "functionsflow.activities" && Equals(m.Tags["activity"], activity) && Equals(m.Tags["outcome"], "Completed"));
        Assert.Contains(_measurements, m => m.Instrument == "functionsflow.orchestrations.completed" && Equals(m.Tags["status"], "Completed") && Equals(m.Tags["orchestration"], orchestrator));
        Assert.DoesNotContain(_measurements, m => m.Tags.ContainsValue(id));
    }

    public void Dispose()
    {
        _spanListener.Dispose();
        _meterListener.Dispose();
    }
}
