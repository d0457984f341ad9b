namespace FunctionsFlow.Storage.Codec;

/// <summary>What an envelope belongs to: bound into its associated data (or checksum), so an envelope
/// decodes only with the instance id and purpose it was written for.</summary>
/// <param name="InstanceId">The orchestration or workflow instance the state belongs to.</param>
/// <param name="Purpose">What the bytes are, usually one of <see cref="CodecPurposes"/>.</param>
public readonly record struct CodecContext(string InstanceId, string Purpose);
