namespace FunctionsFlow.Host.Configuration;

/// <summary>Runs a round of maintenance at once and then at a wall-clock cadence until the host stops; a round that
/// fails is reported and the next one tries again.</summary>
internal static class PeriodicSweep
{
    public static async Task RunAsync(TimeSpan interval, Func<CancellationToken, Task> round, Action<Exception> failed, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await round(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
