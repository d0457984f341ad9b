namespace FunctionsFlow.Storage.Codec;

/// <summary>The purposes the engine encodes state for (<see cref="CodecContext.Purpose"/>).</summary>
public static class CodecPurposes
{
    /// <summary>An orchestration checkpoint.</summary>
    public const string Checkpoint = "checkpoint";

    /// <summary>A large input, output or message payload moved to a blob.</summary>
    public const string Payload = "payload";

    /// <summary>The state of a flow suspended while it waits for input.</summary>
    public const string SuspendedState = "suspended-state";

    /// <summary>A connection secret in the local encrypted store.</summary>
    public const string ConnectionSecret = "connection-secret";
}
