using System.Globalization;
using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Host.Endpoints;

namespace FunctionsFlow.Host.CustomHandler;

/// <summary>A queue trigger's invocation hands its message back to the engine's worker in this process.</summary>
/// <remarks>The Functions host received the message (hiding it) and deletes it when the invocation succeeds, but a
/// custom handler cannot take over that delivery: the worker must receive, lease, renew and complete messages itself
/// (ETag-guarded commits, poison handling). So the invocation makes the message visible again at once with the pop
/// receipt the host passed, which also wakes the worker's poller in this process; the host's delete then fails on the
/// changed pop receipt, which it ignores. The trigger still matters: it is what the scale controller watches, and its
/// invocations keep a Consumption instance from being unloaded while work flows. See docs/azure-functions.md.</remarks>
internal static partial class QueueTriggerRelease
{
    /// <summary>In emergency mode the worker takes nothing, so a message handed back at once would only come straight
    /// back to the trigger: it is hidden this long instead (each delivery still counts one dequeue; see
    /// docs/operations.md for long emergencies under Azure Functions).</summary>
    public static readonly TimeSpan EmergencyHold = TimeSpan.FromMinutes(10);

    public static async Task<IResult> ReleaseAsync(HttpRequest request, IWorkItemQueue queue, string function, ILoggerFactory logs, CancellationToken ct)
    {
        var (invocation, problem) = await InvocationRequest.ReadAsync(request, ct).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // Without them the host releases the message itself when the invocation fails; the worker's next poll finds it.
        var messageId = invocation!.GetMetadataString("Id");
        if (string.IsNullOrEmpty(messageId))
        {
            return Problems.Invalid("Metadata.Id", "A queue invocation carries the message's Id.");
        }

        var popReceipt = invocation.GetMetadataString("PopReceipt");
        if (string.IsNullOrEmpty(popReceipt))
        {
            return Problems.Invalid("Metadata.PopReceipt", "A queue invocation carries the message's PopReceipt.");
        }

        var dequeueCount = int.TryParse(invocation.GetMetadataString("DequeueCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : 1;
        var held = new ReceivedWorkItem(new HeldMessage(messageId), messageId, dequeueCount, DateTimeOffset.MinValue) { Receipt = popReceipt };
        var paused = request.HttpContext.RequestServices.GetRequiredService<DispatchPause>().IsPaused;
        await queue.AbandonAsync(held, paused ? EmergencyHold : TimeSpan.Zero, ct).ConfigureAwait(false);

        var logger = logs.CreateLogger("FunctionsFlow.Host.CustomHandler");
        Log.Released(logger, function, messageId, dequeueCount);
        return InvocationResult.Ok($"Handed queue message {messageId} to the worker.");
    }

    /// <summary>Stands for the message's content, which the queue needs not to release it: reading it stays the
    /// worker's, when it receives the message.</summary>
    private sealed record HeldMessage(string MessageId) : WorkItem(MessageId, string.Empty);

    private static partial class Log
    {
        [LoggerMessage(EventId = 5200, Level = LogLevel.Debug, Message = "{Function}: handed queue message {MessageId} (dequeue {DequeueCount}) to the worker")]
        public static partial void Released(ILogger logger, string function, string messageId, int dequeueCount);
    }
}
