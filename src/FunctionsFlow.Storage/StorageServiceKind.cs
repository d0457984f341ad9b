namespace FunctionsFlow.Storage;

/// <summary>The three Azure Storage services the clients speak to.</summary>
public enum StorageServiceKind
{
    /// <summary>Blob service.</summary>
    Blob,

    /// <summary>Queue service.</summary>
    Queue,

    /// <summary>Table service.</summary>
    Table,
}
