using FunctionsFlow.Durable.History;

namespace FunctionsFlow.Durable.Backend;

/// <summary>The status row of an orchestration instance.</summary>
public sealed record InstanceMetadata
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The current execution id.</summary>
    public required string ExecutionId { get; init; }

    /// <summary>The runtime status.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance (its current run) was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the row last changed.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the instance reached a terminal status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The input as JSON.</summary>
    public string? Input { get; init; }

    /// <summary>The output as JSON.</summary>
    public string? Output { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why the instance failed.</summary>
    public TaskFailureDetails? Failure { get; init; }

    /// <summary>Tags given at start (for example the workflow id and owner).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>The parent instance, for a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The status row of an execution about to start: Pending, created now.</summary>
    public static InstanceMetadata Pending(ExecutionStartedEvent started, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(started);
        return new InstanceMetadata
        {
            InstanceId = started.InstanceId,
            Name = started.Name,
            ExecutionId = started.ExecutionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            Input = started.Input,
            Tags = started.Tags,
            ParentInstanceId = started.Parent?.InstanceId,
        };
    }
}
