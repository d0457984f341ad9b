namespace FunctionsFlow.Durable.Entities;

/// <summary>The wire form of entity operations and their answers (carried in <c>EventRaised</c> events).</summary>
internal static class EntityMessages
{
    /// <summary>The event name of an operation request.</summary>
    public const string OperationEventName = "@op";

    /// <summary>The event name of the answer to request <paramref name="requestId"/>.</summary>
    public static string ResponseEventName(string requestId) => "@response:" + requestId;
}

/// <summary>An operation sent to an entity. <see cref="CallerInstanceId"/> is set for calls from an orchestration
/// (answered with an event); <see cref="ClientCall"/> for calls from a client (answered in the entity's own
/// status row, where the client reads it).</summary>
internal sealed record EntityRequest(
    string Operation,
    string? Input,
    string RequestId,
    string? CallerInstanceId = null,
    string? CallerExecutionId = null,
    DateTimeOffset? ScheduledAt = null,
    bool ClientCall = false);

/// <summary>The answer to a call: a result, or a failure.</summary>
internal sealed record EntityResponse(string? Result, TaskFailureDetails? Failure);

/// <summary>An answer kept for a client call, by request id.</summary>
internal sealed record EntityClientAnswer(string RequestId, EntityResponse Response);

/// <summary>What an entity's status row remembers besides its state (in <c>Input</c>): the ids of the last
/// messages applied, so a redelivered one is dropped, and the answers to the last client calls.</summary>
internal sealed record EntityBookkeeping(List<string> Applied, List<EntityClientAnswer> Answers)
{
    /// <summary>How many message ids are remembered.</summary>
    public const int RememberedMessages = 512;

    /// <summary>How many client answers are kept.</summary>
    public const int RememberedAnswers = 64;

    /// <summary>Drops the oldest entries past the bounds.</summary>
    public EntityBookkeeping Trimmed() => new(
        Applied.Count > RememberedMessages ? Applied[^RememberedMessages..] : Applied,
        Answers.Count > RememberedAnswers ? Answers[^RememberedAnswers..] : Answers);
}
