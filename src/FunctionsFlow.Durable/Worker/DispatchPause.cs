namespace FunctionsFlow.Durable.Worker;

/// <summary>A switch that stops a worker from taking new work: while paused, it receives nothing from its queues (no
/// episode, activity, entity operation or timer runs; messages wait in the queues, their delivery counts untouched),
/// and work already running finishes. Resuming goes on with what waits, in order. Thread-safe.</summary>
public sealed class DispatchPause
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _resumed;

    /// <summary>True while the worker takes no new work.</summary>
    public bool IsPaused
    {
        get
        {
            lock (_lock)
            {
                return _resumed is not null;
            }
        }
    }

    /// <summary>Stops the taking of new work (does nothing when already paused).</summary>
    public void Pause()
    {
        lock (_lock)
        {
            _resumed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets the worker take work again (does nothing when not paused).</summary>
    public void Resume()
    {
        TaskCompletionSource? resumed;
        lock (_lock)
        {
            resumed = _resumed;
            _resumed = null;
        }

        resumed?.TrySetResult();
    }

    /// <summary>Completes at once when not paused, else when <see cref="Resume"/> is called.</summary>
    public Task WaitWhilePausedAsync(CancellationToken cancellationToken)
    {
        Task wait;
        lock (_lock)
        {
            wait = _resumed?.Task ?? Task.CompletedTask;
        }

        return wait.WaitAsync(cancellationToken);
    }
}
