using System.Text.Json;

namespace FunctionsFlow.Workflows.Suspension;

/// <summary>Where a suspension key stands.</summary>
public enum SuspensionKeyState
{
    /// <summary>The wait is open; the key resumes it once.</summary>
    Waiting,

    /// <summary>The key resumed its wait.</summary>
    Used,

    /// <summary>The wait timed out or ended without input.</summary>
    Expired,

    /// <summary>The owner revoked the key (or rotated it to a new one).</summary>
    Revoked,
}

/// <summary>The wait a suspension key opens.</summary>
/// <param name="InstanceId">The execution.</param>
/// <param name="ExecutionId">Its execution id at the time.</param>
/// <param name="StepId">The waiting step.</param>
/// <param name="Name">The wait's name (also the event name that resumes it).</param>
/// <param name="Owner">The execution's owner.</param>
/// <param name="ExpiresAt">When the wait times out; null never.</param>
/// <param name="Schema">The JSON Schema the input must satisfy, if any.</param>
public sealed record SuspensionWait(string InstanceId, string ExecutionId, string StepId, string Name, string Owner, DateTimeOffset? ExpiresAt, JsonElement? Schema);

/// <summary>A key's record, found by its hash.</summary>
public sealed record SuspensionKeyRecord(string Hash, SuspensionWait Wait, SuspensionKeyState State, DateTimeOffset CreatedAt, DateTimeOffset? UsedAt, bool Delivered, string? Payload, string ETag)
{
    /// <summary>True when the key can still resume its wait at <paramref name="now"/>.</summary>
    public bool IsUsable(DateTimeOffset now) => State == SuspensionKeyState.Waiting && (Wait.ExpiresAt is not { } end || end > now);
}

/// <summary>One attempt to use a key, for its audit trail (never the key itself).</summary>
public sealed record SuspensionAttempt(DateTimeOffset At, string Outcome, string? Address);
