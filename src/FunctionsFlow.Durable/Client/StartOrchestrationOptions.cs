namespace FunctionsFlow.Durable.Client;

/// <summary>Options of a start.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="Tags">Tags kept with the instance (for example workflow id and owner).</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, IReadOnlyDictionary<string, string>? Tags = null);
