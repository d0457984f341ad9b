using FunctionsFlow.Durable.Backend;
using FunctionsFlow.Durable.Serialization;

namespace FunctionsFlow.Durable.Client;

/// <summary>An instance's status as clients see it, with typed access to its JSON input and output.</summary>
public sealed class OrchestrationMetadata(InstanceMetadata metadata, DataConverter converter)
{
    /// <summary>The underlying status row.</summary>
    public InstanceMetadata Raw { get; } = metadata;

    /// <summary>The instance id.</summary>
    public string InstanceId => Raw.InstanceId;

    /// <summary>The orchestrator name.</summary>
    public string Name => Raw.Name;

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus => Raw.RuntimeStatus;

    /// <summary>The input as JSON text.</summary>
    public string? SerializedInput => Raw.Input;

    /// <summary>The output as JSON text.</summary>
    public string? SerializedOutput => Raw.Output;

    /// <summary>The custom status as JSON text.</summary>
    public string? SerializedCustomStatus => Raw.CustomStatus;

    /// <summary>Why it failed.</summary>
    public TaskFailureDetails? FailureDetails => Raw.Failure;

    /// <summary>Reads the input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => converter.Deserialize<T>(Raw.Input);

    /// <summary>Reads the output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => converter.Deserialize<T>(Raw.Output);

    /// <summary>Reads the custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => converter.Deserialize<T>(Raw.CustomStatus);
}
