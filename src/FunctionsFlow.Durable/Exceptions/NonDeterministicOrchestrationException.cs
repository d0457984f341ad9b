namespace FunctionsFlow.Durable;

/// <summary>Orchestrator code did something other than what its history records: it is not deterministic,
/// or it was changed while instances were in flight. The instance fails with this error.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception with a message that names the step and what changed.</summary>
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }
}
