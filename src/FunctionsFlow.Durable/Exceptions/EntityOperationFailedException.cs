using FunctionsFlow.Durable.Entities;

namespace FunctionsFlow.Durable;

/// <summary>An entity operation called from an orchestration threw.</summary>
public sealed class EntityOperationFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EntityOperationFailedException(EntityInstanceId entity, string operation, TaskFailureDetails failureDetails)
        : base($"Operation '{operation}' of entity '{entity}' failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        Entity = entity;
        Operation = operation;
        FailureDetails = failureDetails;
    }

    /// <summary>The entity.</summary>
    public EntityInstanceId Entity { get; }

    /// <summary>The operation.</summary>
    public string Operation { get; }

    /// <summary>What the operation threw.</summary>
    public TaskFailureDetails FailureDetails { get; }
}
