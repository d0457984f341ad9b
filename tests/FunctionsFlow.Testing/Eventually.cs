using System.Diagnostics;

namespace FunctionsFlow.Testing;

/// <summary>Waits for a condition that background work will make true (not for time to pass).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until true; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        var delay = 5;
        while (!await condition().ConfigureAwait(false))
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting until {what}.");
            }

            await Task.Delay(delay).ConfigureAwait(false); // polling cadence only
            delay = Math.Min(delay * 2, 50);
        }
    }
}
