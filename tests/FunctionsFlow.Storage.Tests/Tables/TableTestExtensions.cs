using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Tables;

/// <summary>A fresh, created table per test.</summary>
internal static class TableTestExtensions
{
    public static async Task<TableClient> CreateTableAsync(this AzuriteFixture azurite, StorageClientOptions? options = null)
    {
        var table = azurite.CreateFactory(options).GetTableClient(AzuriteFixture.NewName());
        await table.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        return table;
    }

    public static TableEntity Entity(string partitionKey, string rowKey, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }
}
