namespace FunctionsFlow.Durable.Worker;

/// <summary>How a worker polls, how much it runs at once, and its safety limits.</summary>
public sealed class DurableWorkerOptions
{
    /// <summary>Instances processed at once by this worker.</summary>
    public int MaxConcurrentOrchestrations { get; set; } = 16;

    /// <summary>Activities run at once by this worker.</summary>
    public int MaxConcurrentActivities { get; set; } = 16;

    /// <summary>Messages taken per receive (Azure queues allow up to 32).</summary>
    public int ReceiveBatchSize { get; set; } = 32;

    /// <summary>How long a received message stays hidden from other workers.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Shortest wait between polls of an empty queue.</summary>
    public TimeSpan MinPollInterval { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Longest wait between polls of an empty queue: bounds the latency of an idle worker.</summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A message received this many times without success is moved to the poison queue.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>Longest queue delay of one timer hop (Azure Storage caps visibility at 7 days).</summary>
    public TimeSpan MaxTimerHop { get; set; } = TimeSpan.FromDays(6);

    /// <summary>When a message cannot be applied yet (its instance is not ready), when to look again.</summary>
    public TimeSpan DeferDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A message that could not be applied for this long is dropped.</summary>
    public TimeSpan MaxDeferAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An instance still Pending this long after its start is re-sent its start message.</summary>
    public TimeSpan PendingStartRecoveryAge { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long shutdown waits for work in progress before releasing it.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How much checkpoint state a worker keeps in memory, in characters of its text, so an execution that
    /// continued from a checkpoint it just wrote does not read it back and its episodes parse it once (least recently
    /// used first out; an entry counts twice its text, for the text and the object read from it; 0 turns the cache
    /// off).</summary>
    public long CheckpointCacheChars { get; set; } = 32 * 1024 * 1024;

    /// <summary>How long a cached checkpoint may go unused before it is dropped (so waiting flows cost no memory).</summary>
    public TimeSpan CheckpointCacheIdle { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A switch that pauses this worker's taking of new work (emergency mode); null: never paused.</summary>
    public DispatchPause? Pause { get; set; }
}
