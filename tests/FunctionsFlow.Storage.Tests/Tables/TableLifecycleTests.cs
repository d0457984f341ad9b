using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableLifecycleTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_CreatesOnceAndSucceedsBothTimes()
    {
        var table = azurite.CreateFactory().GetTableClient(AzuriteFixture.NewName());

        var first = await table.CreateIfNotExistsAsync(Ct);
        var second = await table.CreateIfNotExistsAsync(Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.Empty((await table.QueryAsync(null, cancellationToken: Ct)).Items);
    }

    [Fact]
    public async Task DeleteAsync_ExistingTable_RemovesIt()
    {
        var table = await azurite.CreateTableAsync();

        await table.DeleteAsync(Ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => table.QueryAsync(null, cancellationToken: Ct));
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("has-dash")]
    [InlineData("under_score")]
    [InlineData("a123456789012345678901234567890123456789012345678901234567890123")]
    public void GetTableClient_InvalidName_Throws(string name)
    {
        var factory = azurite.CreateFactory();

        var error = Assert.Throws<ArgumentException>(() => factory.GetTableClient(name));

        Assert.Equal("tableName", error.ParamName);
    }

    [Fact]
    public async Task ListTablesAsync_WithPrefix_ListsExactlyTheTablesThatStartWithIt()
    {
        var factory = azurite.CreateFactory();
        var stem = AzuriteFixture.NewName("l");
        var prefix = stem + "m";
        var inside = new[] { prefix + "a", prefix + "z9", prefix };
        var outside = new[] { stem + "nx", stem + "l", AzuriteFixture.NewName("l") };
        foreach (var name in inside.Concat(outside))
        {
            await factory.GetTableClient(name).CreateIfNotExistsAsync(Ct);
        }

        var listed = await factory.ListTablesAsync(prefix, Ct).ToListAsync(Ct);
        var all = await factory.ListTablesAsync(cancellationToken: Ct).ToListAsync(Ct);

        Assert.Equal(inside.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.Superset(inside.Concat(outside).ToHashSet(), all.ToHashSet());
    }
}
