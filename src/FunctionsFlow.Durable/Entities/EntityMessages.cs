namespace FunctionsFlow.Durable.Entities;

/// <summary>The wire form of entity operations and their answers (carried in <c>EventRaised</c> events).</summary>
internal static class EntityMessages
{
    /// <summary>The event name of an operation request.</summary>
    public const string OperationEventName = "@op";

    /// <summary>The event name of the answer to request <paramref name="requestId"/>.</summary>
    public static string ResponseEventName(string requestId) => "@response:" + requestId;
}

/// <summary>An operation sent to an entity. <see cref="CallerInstanceId"/> is set for calls (which get an answer).</summary>
internal sealed record EntityRequest(
    string Operation,
    string? Input,
    string RequestId,
    string? CallerInstanceId = null,
    string? CallerExecutionId = null,
    DateTimeOffset? ScheduledAt = null);

/// <summary>The answer to a call: a result, or a failure.</summary>
internal sealed record EntityResponse(string? Result, TaskFailureDetails? Failure);
