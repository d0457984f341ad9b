using Azure;

namespace FunctionsFlow.Storage.Tables;

/// <summary>One action of an entity-group transaction.</summary>
/// <param name="ActionType">What the action does.</param>
/// <param name="Entity">The entity written, or for a delete the entity whose keys are deleted.</param>
/// <param name="ETag">The condition of an update or delete; <see cref="ETag.All"/> matches any version.</param>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, ETag ETag = default)
{
    /// <summary>Inserts an entity.</summary>
    public static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    /// <summary>Inserts an entity, or merges into or replaces the stored one whatever its version.</summary>
    public static TableTransactionAction Upsert(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge) =>
        new(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, entity);

    /// <summary>Replaces (or merges into) the stored entity if its version is still <paramref name="ifMatch"/>.</summary>
    public static TableTransactionAction Update(TableEntity entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Replace) =>
        new(mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, entity, ifMatch);

    /// <summary>Deletes an entity if its version is still <paramref name="ifMatch"/>; a default ETag deletes any version.</summary>
    public static TableTransactionAction Delete(string partitionKey, string rowKey, ETag ifMatch = default) =>
        new(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch);
}
