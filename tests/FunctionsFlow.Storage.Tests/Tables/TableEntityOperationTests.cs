using Azure;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;
using static FunctionsFlow.Storage.Tests.Tables.TableTestExtensions;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableEntityOperationTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddEntityAsync_ExistingKeys_Throws409EntityAlreadyExists()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity("p", "r", ("V", 1)), Ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => table.AddEntityAsync(Entity("p", "r", ("V", 2)), Ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).GetInt32("V"));
    }

    [Fact]
    public async Task GetEntityAsync_UnknownEntity_Throws404AndIfExistsReturnsNull()
    {
        var table = await azurite.CreateTableAsync();

        var error = await Assert.ThrowsAsync<StorageException>(() => table.GetEntityAsync("p", "missing", cancellationToken: Ct));
        var missing = await table.GetEntityIfExistsAsync("p", "missing", cancellationToken: Ct);

        Assert.True(error.IsNotFound);
        Assert.Null(missing);
    }

    [Fact]
    public async Task GetEntityAsync_MissingTable_Throws404()
    {
        var table = azurite.CreateFactory().GetTableClient(AzuriteFixture.NewName());

        var error = await Assert.ThrowsAsync<StorageException>(() => table.GetEntityAsync("p", "r", cancellationToken: Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("TableNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetEntityAsync_WithSelect_ReturnsOnlyTheSelectedPropertiesAndKeys()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity("p", "r", ("A", 1), ("B", "two"), ("C", 3L)), Ct);

        var read = await table.GetEntityAsync("p", "r", ["B"], Ct);

        Assert.Equal(("p", "r"), (read.PartitionKey, read.RowKey));
        Assert.Equal(["B"], read.Select(p => p.Key));
        Assert.Equal("two", read.GetString("B"));
    }

    [Fact]
    public async Task UpsertEntityAsync_Merge_KeepsOtherPropertiesWhileReplaceDropsThem()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity("p", "merged", ("Kept", "yes"), ("Changed", 1)), Ct);
        await table.AddEntityAsync(Entity("p", "replaced", ("Kept", "yes"), ("Changed", 1)), Ct);

        await table.UpsertEntityAsync(Entity("p", "merged", ("Changed", 2)), TableUpdateMode.Merge, Ct);
        await table.UpsertEntityAsync(Entity("p", "replaced", ("Changed", 2)), TableUpdateMode.Replace, Ct);

        var merged = await table.GetEntityAsync("p", "merged", cancellationToken: Ct);
        var replaced = await table.GetEntityAsync("p", "replaced", cancellationToken: Ct);
        Assert.Equal(("yes", 2), (merged.GetString("Kept"), merged.GetInt32("Changed")));
        Assert.Null(replaced.GetString("Kept"));
        Assert.Equal(2, replaced.GetInt32("Changed"));
    }

    [Fact]
    public async Task UpsertEntityAsync_NewEntity_InsertsItAndReturnsItsETag()
    {
        var table = await azurite.CreateTableAsync();

        var etag = await table.UpsertEntityAsync(Entity("p", "new", ("V", 1)), cancellationToken: Ct);

        var read = await table.GetEntityAsync("p", "new", cancellationToken: Ct);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(1, read.GetInt32("V"));
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412AndLeavesTheValue()
    {
        var table = await azurite.CreateTableAsync();
        var first = await table.AddEntityAsync(Entity("p", "r", ("V", 1)), Ct);
        var second = await table.UpdateEntityAsync(Entity("p", "r", ("V", 2)), first, cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<StorageException>(
            () => table.UpdateEntityAsync(Entity("p", "r", ("V", 3)), first, cancellationToken: Ct));

        Assert.NotEqual(first, second);
        Assert.True(error.IsPreconditionFailed);
        var read = await table.GetEntityAsync("p", "r", cancellationToken: Ct);
        Assert.Equal(2, read.GetInt32("V"));
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task UpdateEntityAsync_ETagAll_OverwritesAnyVersion()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity("p", "r", ("V", 1)), Ct);

        await table.UpdateEntityAsync(Entity("p", "r", ("V", 2)), ETag.All, TableUpdateMode.Merge, Ct);

        Assert.Equal(2, (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).GetInt32("V"));
    }

    [Fact]
    public async Task UpdateEntityAsync_DefaultETag_ThrowsBeforeSending()
    {
        var counter = new RequestCounter();
        var table = azurite.CreateFactory(counter.Options()).GetTableClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentException>(() => table.UpdateEntityAsync(new TableEntity("p", "r"), default, cancellationToken: Ct));

        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task UpdateEntityAsync_TwoConcurrentWritersWithOneETag_ExactlyOneWins()
    {
        var table = await azurite.CreateTableAsync();
        var etag = await table.AddEntityAsync(Entity("p", "r", ("Owner", "nobody")), Ct);

        async Task<bool> TryClaimAsync(string owner)
        {
            try
            {
                await table.UpdateEntityAsync(Entity("p", "r", ("Owner", owner)), etag, cancellationToken: Ct);
                return true;
            }
            catch (StorageException ex) when (ex.IsPreconditionFailed)
            {
                return false;
            }
        }

        var won = await Task.WhenAll(TryClaimAsync("a"), TryClaimAsync("b"));

        Assert.Single(won, w => w);
        var winner = won[0] ? "a" : "b";
        Assert.Equal(winner, (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).GetString("Owner"));
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Throws412ThenAnyVersionDeletes()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.AddEntityAsync(Entity("p", "r", ("V", 1)), Ct);
        await table.UpsertEntityAsync(Entity("p", "r", ("V", 2)), cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => table.DeleteEntityAsync("p", "r", stale, Ct));
        Assert.True(error.IsPreconditionFailed);
        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct));

        await table.DeleteEntityAsync("p", "r", ETag.All, Ct);

        Assert.Null(await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct));
    }

    [Fact]
    public async Task DeleteEntityAsync_CurrentETag_Deletes()
    {
        var table = await azurite.CreateTableAsync();
        var etag = await table.AddEntityAsync(Entity("p", "r"), Ct);

        await table.DeleteEntityAsync("p", "r", etag, Ct);

        Assert.Null(await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct));
    }

    [Theory]
    [InlineData("it's", "a b")]
    [InlineData("100%", "x+y&z=1")]
    [InlineData("ünï©ødé", "(paren),comma")]
    public async Task Operations_KeysWithUrlSignificantCharacters_AddressTheRightEntity(string partitionKey, string rowKey)
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity(partitionKey, rowKey, ("V", 1)), Ct);
        await table.AddEntityAsync(Entity(partitionKey, "other", ("V", 1)), Ct);

        var read = await table.GetEntityAsync(partitionKey, rowKey, cancellationToken: Ct);
        await table.UpdateEntityAsync(Entity(partitionKey, rowKey, ("V", 2)), read.ETag, cancellationToken: Ct);
        await table.SubmitTransactionAsync([TableTransactionAction.Upsert(Entity(partitionKey, rowKey, ("W", 3)))], Ct);
        var updated = await table.GetEntityAsync(partitionKey, rowKey, cancellationToken: Ct);
        await table.DeleteEntityAsync(partitionKey, rowKey, updated.ETag, Ct);

        Assert.Equal((partitionKey, rowKey), (read.PartitionKey, read.RowKey));
        Assert.Equal((2, 3), (updated.GetInt32("V"), updated.GetInt32("W")));
        Assert.Null(await table.GetEntityIfExistsAsync(partitionKey, rowKey, cancellationToken: Ct));
        Assert.Equal(1, (await table.GetEntityAsync(partitionKey, "other", cancellationToken: Ct)).GetInt32("V"));
    }

    [Fact]
    public async Task Operations_CancelledToken_ThrowOperationCanceled()
    {
        var table = await azurite.CreateTableAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.AddEntityAsync(new TableEntity("p", "r"), cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => table.QueryAsync(null, cancellationToken: cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => table.SubmitTransactionAsync([TableTransactionAction.Add(new TableEntity("p", "r"))], cancelled.Token));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r", cancellationToken: Ct));
    }
}
