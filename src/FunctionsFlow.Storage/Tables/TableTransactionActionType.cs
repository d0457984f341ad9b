namespace FunctionsFlow.Storage.Tables;

/// <summary>What one action of an entity-group transaction does.</summary>
public enum TableTransactionActionType
{
    /// <summary>Inserts the entity; the transaction fails if it exists.</summary>
    Add,

    /// <summary>Inserts the entity or merges it into the stored one.</summary>
    UpsertMerge,

    /// <summary>Inserts the entity or replaces the stored one.</summary>
    UpsertReplace,

    /// <summary>Merges into the stored entity if its ETag matches.</summary>
    UpdateMerge,

    /// <summary>Replaces the stored entity if its ETag matches.</summary>
    UpdateReplace,

    /// <summary>Deletes the stored entity if its ETag matches (any version for a default ETag).</summary>
    Delete,
}
