using Azure;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;
using static FunctionsFlow.Storage.Tests.Tables.TableTestExtensions;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableTransactionTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SubmitTransactionAsync_EveryActionType_AppliesAllAndReturnsETagsInOrder()
    {
        var table = await azurite.CreateTableAsync();
        var updated = await table.AddEntityAsync(Entity("p", "update", ("V", 1), ("Kept", true)), Ct);
        var deleted = await table.AddEntityAsync(Entity("p", "delete"), Ct);
        await table.AddEntityAsync(Entity("p", "upsert", ("V", 1), ("Kept", true)), Ct);

        var etags = await table.SubmitTransactionAsync(
            [
                TableTransactionAction.Add(Entity("p", "add", ("V", 2))),
                TableTransactionAction.Upsert(Entity("p", "upsert", ("V", 2)), TableUpdateMode.Merge),
                TableTransactionAction.Upsert(Entity("p", "fresh", ("V", 2)), TableUpdateMode.Replace),
                TableTransactionAction.Update(Entity("p", "update", ("V", 2)), updated, TableUpdateMode.Replace),
                TableTransactionAction.Delete("p", "delete", deleted),
            ],
            Ct);

        Assert.Equal(5, etags.Count);
        Assert.Equal(default, etags[4]);
        var stored = await table.QueryAllAsync(TableFilter.PartitionKeyEquals("p"), cancellationToken: Ct).ToDictionaryAsync(e => e.RowKey, StringComparer.Ordinal, Ct);
        Assert.Equal(["add", "fresh", "update", "upsert"], stored.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(etags[0], stored["add"].ETag);
        Assert.Equal(etags[1], stored["upsert"].ETag);
        Assert.Equal(etags[2], stored["fresh"].ETag);
        Assert.Equal(etags[3], stored["update"].ETag);
        Assert.Equal(true, stored["upsert"].GetBoolean("Kept"));
        Assert.Null(stored["update"].GetBoolean("Kept"));
        Assert.All(stored.Values, e => Assert.Equal(2, e.GetInt32("V")));
    }

    [Fact]
    public async Task SubmitTransactionAsync_SecondActionConflicts_ThrowsWithItsIndexAndWritesNothing()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity("p", "2", ("V", "original")), Ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => table.SubmitTransactionAsync(
            [
                TableTransactionAction.Add(Entity("p", "1", ("V", "new"))),
                TableTransactionAction.Add(Entity("p", "2", ("V", "new"))),
                TableTransactionAction.Add(Entity("p", "3", ("V", "new"))),
            ],
            Ct));

        Assert.Equal(409, error.Status);
        Assert.Equal("EntityAlreadyExists", error.ErrorCode);
        Assert.Equal(1, error.FailedOperationIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "1", cancellationToken: Ct));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "3", cancellationToken: Ct));
        Assert.Equal("original", (await table.GetEntityAsync("p", "2", cancellationToken: Ct)).GetString("V"));
    }

    [Fact]
    public async Task SubmitTransactionAsync_UpdateWithStaleETag_Throws412AndWritesNothing()
    {
        var table = await azurite.CreateTableAsync();
        var stale = await table.AddEntityAsync(Entity("p", "r", ("V", 1)), Ct);
        await table.UpsertEntityAsync(Entity("p", "r", ("V", 2)), cancellationToken: Ct);

        var error = await Assert.ThrowsAsync<StorageException>(() => table.SubmitTransactionAsync(
            [
                TableTransactionAction.Add(Entity("p", "other")),
                TableTransactionAction.Update(Entity("p", "r", ("V", 3)), stale, TableUpdateMode.Merge),
            ],
            Ct));

        Assert.Equal(412, error.Status);
        Assert.Equal(1, error.FailedOperationIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "other", cancellationToken: Ct));
        Assert.Equal(2, (await table.GetEntityAsync("p", "r", cancellationToken: Ct)).GetInt32("V"));
    }

    public static TheoryData<string, TableTransactionAction[]> InvalidTransactions => new()
    {
        { "empty", [] },
        { "101 actions", [.. Enumerable.Range(0, 101).Select(i => TableTransactionAction.Add(new TableEntity("p", "r" + i)))] },
        { "two partitions", [TableTransactionAction.Add(new TableEntity("p", "1")), TableTransactionAction.Add(new TableEntity("q", "2"))] },
        { "one row twice", [TableTransactionAction.Add(new TableEntity("p", "1")), TableTransactionAction.Delete("p", "1")] },
        { "update without ETag", [TableTransactionAction.Update(new TableEntity("p", "1"), default)] },
    };

    [Theory]
    [MemberData(nameof(InvalidTransactions))]
    public async Task SubmitTransactionAsync_InvalidActions_ThrowsArgumentExceptionBeforeAnyRequest(string why, TableTransactionAction[] actions)
    {
        var counter = new RequestCounter();
        var table = azurite.CreateFactory(counter.Options()).GetTableClient(AzuriteFixture.NewName());

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => table.SubmitTransactionAsync(actions, Ct));

        Assert.False(string.IsNullOrEmpty(error.Message), why);
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public async Task SubmitTransactionAsync_MixedPartitions_MessageNamesTheOffendingAction()
    {
        var table = azurite.CreateFactory().GetTableClient(AzuriteFixture.NewName());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.SubmitTransactionAsync(
            [TableTransactionAction.Add(new TableEntity("p", "1")), TableTransactionAction.Add(new TableEntity("p", "2")), TableTransactionAction.Add(new TableEntity("q", "3"))],
            Ct));

        Assert.Contains("Action 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("partition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransactionAsync_HundredActions_IsAccepted()
    {
        var table = await azurite.CreateTableAsync();

        var etags = await table.SubmitTransactionAsync(
            [.. Enumerable.Range(0, TableClient.MaxTransactionActions).Select(i => TableTransactionAction.Upsert(new TableEntity("p", "r" + i)))],
            Ct);

        Assert.Equal(TableClient.MaxTransactionActions, etags.Count);
        Assert.DoesNotContain(default(ETag), etags);
    }
}
