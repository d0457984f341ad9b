namespace FunctionsFlow.Durable;

public abstract partial class TaskOrchestrationContext
{
    /// <summary>Runs <paramref name="attempt"/> under a durable retry policy: waits are durable timers.</summary>
    protected async Task<TResult> RetryAsync<TResult>(RetryPolicy policy, Func<Task<TResult>> attempt)
    {
        policy.Validate();
        var started = CurrentUtcDateTime;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt().ConfigureAwait(true);
            }
            catch (TaskFailedException ex) when (number < policy.MaxNumberOfAttempts && (policy.HandleFailure?.Invoke(ex.FailureDetails) ?? true))
            {
                var delay = policy.DelayBefore(number + 1);
                if (policy.RetryTimeout is { } timeout && CurrentUtcDateTime + delay - started > timeout)
                {
                    throw;
                }

                await CreateTimer(delay, CancellationToken.None).ConfigureAwait(true);
            }
        }
    }
}
