using System.Diagnostics;
using System.Globalization;
using FunctionsFlow.Durable.Backend;

namespace FunctionsFlow.Benchmarks.Scenarios;

/// <summary>Asks the storage service something cheap every 100 ms on an uncounted client and keeps every answer
/// that took a second or more, with the phase it started in: tells the service's stalls (Azurite runs blob, queue
/// and table on one event loop) apart from the engine's.</summary>
public sealed class StallProbe : IAsyncDisposable
{
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);

    private readonly IWorkItemQueue _queue;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(string Phase, TimeSpan At)> _phases = [("start", TimeSpan.Zero)];
    private readonly List<(TimeSpan At, TimeSpan Took)> _stalls = [];
    private readonly Task _loop;

    public StallProbe(IWorkItemQueue queue)
    {
        _queue = queue;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Marks the start of a phase; stalls are reported with the phase they started in.</summary>
    public void Phase(string name)
    {
        lock (_phases)
        {
            _phases.Add((name, _clock.Elapsed));
        }
    }

    /// <summary>One line per stall: when it started (seconds since the probe started, and the phase) and how long it took.</summary>
    public IReadOnlyList<string> Report()
    {
        lock (_phases)
        {
            return [.. _stalls.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"at {s.At.TotalSeconds:0.0} s ({_phases.Last(p => p.At <= s.At).Phase}): {s.Took.TotalSeconds:0.0} s"))];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var at = _clock.Elapsed;
            try
            {
                await _queue.GetApproximateCountAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A failed probe counts by its time like any other.
            }

            var took = _clock.Elapsed - at;
            if (took >= Slow)
            {
                lock (_phases)
                {
                    _stalls.Add((at, took));
                }
            }

            try
            {
                await Task.Delay(100, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
