namespace FunctionsFlow.Durable;

/// <summary>What an activity knows about its call.</summary>
/// <remarks>Activities run at least once: a crash can run one again, so make side effects idempotent.</remarks>
public sealed record TaskActivityContext(string Name, string InstanceId, string ExecutionId, int TaskId);
