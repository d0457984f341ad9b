using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Backend;

/// <summary>Everything a worker needs to run an instance's next episode, read in one go.</summary>
/// <param name="Metadata">The status row.</param>
/// <param name="History">The current execution's history.</param>
/// <param name="Outbox">Messages of the last commit that may not have been sent yet.</param>
/// <param name="ETag">Guards the next commit: a commit with a stale ETag fails.</param>
public sealed record InstanceRecord(InstanceMetadata Metadata, IReadOnlyList<HistoryEvent> History, IReadOnlyList<OutboundMessage> Outbox, string ETag);

/// <summary>One atomic change of an instance: new history, new status and the messages to send.</summary>
/// <param name="ETag">The ETag the change was computed from.</param>
/// <param name="Metadata">The new status row.</param>
/// <param name="NewEvents">Events to append (or the whole history of a new execution).</param>
/// <param name="NewExecution">True when the history is replaced (continue-as-new).</param>
/// <param name="Outbox">Messages to send once the commit has succeeded; replaces the previous outbox.</param>
/// <param name="Checkpoints">Checkpoints to store before the commit is applied (a new execution starts from one).</param>
public sealed record InstanceCommit(
    string ETag,
    InstanceMetadata Metadata,
    IReadOnlyList<HistoryEvent> NewEvents,
    bool NewExecution,
    IReadOnlyList<OutboundMessage> Outbox,
    IReadOnlyList<CheckpointWrite>? Checkpoints = null);

/// <summary>Filters of an instance listing.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only these statuses (empty or null: all).</summary>
    public IReadOnlyCollection<OrchestrationRuntimeStatus>? RuntimeStatus { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Orchestrator name.</summary>
    public string? Name { get; init; }

    /// <summary>Instance ids starting with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only instances whose tag <c>Key</c> has this value.</summary>
    public KeyValuePair<string, string>? Tag { get; init; }

    /// <summary>Page size (1-1000).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Where the previous page stopped.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of an instance listing.</summary>
public sealed record InstanceQueryResult(IReadOnlyList<InstanceMetadata> Items, string? ContinuationToken);
