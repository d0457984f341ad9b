namespace FunctionsFlow.Durable.Client;

/// <summary>Options of a start.</summary>
/// <param name="InstanceId">The instance id; a new GUID when null.</param>
/// <param name="Tags">Tags kept with the instance (for example workflow id and owner).</param>
/// <param name="ReplaceFinished">Whether a finished instance with this id is replaced by the new one (the default, as in
/// Durable Functions). When false any existing instance refuses the start, so an id derived from one occasion (a schedule's
/// due time) starts at most one execution, however often the start is repeated.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, IReadOnlyDictionary<string, string>? Tags = null, bool ReplaceFinished = true);
