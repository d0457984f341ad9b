namespace FunctionsFlow.Host.Endpoints;

/// <summary>Runs a write that waits for an entity to apply it, with a bound on the wait: a write the workers do not
/// apply in time answers 503 (it is queued and will still be applied; repeating a PUT is harmless).</summary>
internal static class EntityWrites
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task<IResult> RunAsync(Func<CancellationToken, Task<IResult>> write, CancellationToken requestAborted)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        bounded.CancelAfter(Timeout);
        try
        {
            return await write(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            return Problems.Unavailable($"The change was queued but not applied within {Timeout.TotalSeconds:0} s; it will be applied when a worker picks it up.", TimeSpan.FromSeconds(5));
        }
    }
}
