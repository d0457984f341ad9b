namespace FunctionsFlow.Storage.Tables;

/// <summary>How a write treats the properties of an entity that is already stored.</summary>
public enum TableUpdateMode
{
    /// <summary>Keeps stored properties the written entity does not name.</summary>
    Merge,

    /// <summary>Replaces the stored entity whole: properties the written entity does not name are dropped.</summary>
    Replace,
}
