using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Durable;

/// <summary>What orchestrator code may do. Everything here is durable and replay-safe.</summary>
/// <remarks>Orchestrator code is replayed from history many times: it must be deterministic. Take time from
/// <see cref="CurrentUtcDateTime"/>, GUIDs from <see cref="NewGuid"/>, do I/O only in activities, and await
/// only the tasks this context returns (no <c>Task.Run</c>, <c>Task.Delay</c> or <c>ConfigureAwait(false)</c>: continuations
/// must stay on the orchestration's own scheduler, hence <c>ConfigureAwait(true)</c> in this library's orchestration code).</remarks>
public abstract partial class TaskOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The execution id (new on each start, restart and continue-as-new).</summary>
    public abstract string ExecutionId { get; }

    /// <summary>The current time, from history: the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-runs events already in history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The instance's input.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity that returns nothing.</summary>
    public virtual Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null);

    /// <summary>Starts a sub-orchestration whose output is not needed.</summary>
    public virtual Task CallSubOrchestratorAsync(string orchestratorName, object? input = null, SubOrchestrationOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC). Any length; long timers hop.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event. Events raised before the wait are kept and delivered in order.</summary>
    /// <remarks>Cancelling the wait removes it, so a later event of that name is not swallowed.</remarks>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event for at most <paramref name="timeout"/>.</summary>
    /// <exception cref="TaskCanceledException">The timeout expired first.</exception>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CreateTimer(timeout, cts.Token);
        var received = WaitForExternalEvent<T>(eventName, cts.Token);
        var winner = await Task.WhenAny(received, timer).ConfigureAwait(true);

        // Cancel synchronously: CancelAsync would run the callbacks on the thread pool, outside the
        // orchestration's single-threaded scheduler.
#pragma warning disable CA1849
        cts.Cancel();
#pragma warning restore CA1849
        if (winner == received)
        {
            return await received.ConfigureAwait(true);
        }

        throw new TaskCanceledException($"Waiting for event '{eventName}' timed out after {timeout}.");
    }

    /// <summary>Sends an event to another instance (one-way).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status shown in the instance's status.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts a new one of the same instance with <paramref name="newInput"/> and a fresh history.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when not replaying.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
