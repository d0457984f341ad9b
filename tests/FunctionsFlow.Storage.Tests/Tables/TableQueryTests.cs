using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;
using static FunctionsFlow.Storage.Tests.Tables.TableTestExtensions;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableQueryTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<TableClient> SeedAsync(TableClient table, string partitionKey, int count)
    {
        for (var start = 0; start < count; start += TableClient.MaxTransactionActions)
        {
            var actions = Enumerable.Range(start, Math.Min(TableClient.MaxTransactionActions, count - start))
                .Select(i => TableTransactionAction.Add(Entity(partitionKey, i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), ("N", i), ("Even", i % 2 == 0))))
                .ToList();
            await table.SubmitTransactionAsync(actions, Ct);
        }

        return table;
    }

    [Fact]
    public async Task QueryAsync_Filter_ReturnsOnlyMatchingEntities()
    {
        var table = await SeedAsync(await azurite.CreateTableAsync(), "p", 10);
        await SeedAsync(table, "q", 10);

        var page = await table.QueryAsync(
            TableFilter.And(TableFilter.PartitionKeyEquals("p"), TableFilter.Equal("Even", true), TableFilter.Compare("N", TableComparison.GreaterThanOrEqual, 4)),
            cancellationToken: Ct);

        Assert.Equal([4, 6, 8], page.Items.Select(e => e.GetInt32("N")!.Value).Order());
        Assert.All(page.Items, e => Assert.Equal("p", e.PartitionKey));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryAsync_RowKeyStartsWith_ReturnsThePrefixRange()
    {
        var table = await SeedAsync(await azurite.CreateTableAsync(), "p", 25);

        var page = await table.QueryAsync(TableFilter.And(TableFilter.PartitionKeyEquals("p"), TableFilter.RowKeyStartsWith("0001")), cancellationToken: Ct);

        Assert.Equal(Enumerable.Range(10, 10), page.Items.Select(e => e.GetInt32("N")!.Value).Order());
    }

    [Fact]
    public async Task QueryAsync_Select_ReturnsOnlySelectedPropertiesAndKeys()
    {
        var table = await SeedAsync(await azurite.CreateTableAsync(), "p", 3);

        var page = await table.QueryAsync(null, select: ["N"], cancellationToken: Ct);

        Assert.Equal(3, page.Items.Count);
        Assert.All(page.Items, e =>
        {
            Assert.Equal(["N"], e.Select(p => p.Key));
            Assert.Equal("p", e.PartitionKey);
            Assert.False(e.ETag == default);
        });
    }

    [Fact]
    public async Task QueryAsync_Top_LimitsThePageAndContinues()
    {
        var table = await SeedAsync(await azurite.CreateTableAsync(), "p", 7);

        var first = await table.QueryAsync(null, top: 5, cancellationToken: Ct);
        var second = await table.QueryAsync(null, top: 5, continuationToken: first.ContinuationToken, cancellationToken: Ct);

        Assert.Equal(5, first.Items.Count);
        Assert.NotNull(first.ContinuationToken);
        Assert.Equal(2, second.Items.Count);
        Assert.Null(second.ContinuationToken);
        Assert.Empty(first.Items.Select(e => e.RowKey).Intersect(second.Items.Select(e => e.RowKey)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task QueryAsync_TopOutOfRange_Throws(int top)
    {
        var table = azurite.CreateFactory().GetTableClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => table.QueryAsync(null, top, cancellationToken: Ct));
    }

    [Fact]
    public async Task QueryAsync_ForeignContinuationToken_Throws()
    {
        var table = azurite.CreateFactory().GetTableClient(AzuriteFixture.NewName());

        await Assert.ThrowsAsync<ArgumentException>(() => table.QueryAsync(null, continuationToken: "not*a*token", cancellationToken: Ct));
    }

    [Fact]
    public async Task QueryAsync_MoreThanOnePageOfEntities_WalksAllPagesByContinuationToken()
    {
        const int count = 1_150;
        var table = await SeedAsync(await azurite.CreateTableAsync(), "p", count);

        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        var pages = new List<int>();
        string? token = null;
        do
        {
            var page = await table.QueryAsync(null, continuationToken: token, cancellationToken: Ct);
            pages.Add(page.Items.Count);
            Assert.All(page.Items, e => Assert.True(rowKeys.Add(e.RowKey), "duplicate " + e.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(count, rowKeys.Count);
        Assert.True(pages.Count >= 2, "expected more than one page");
        Assert.InRange(pages[0], 1, TableClient.MaxPageSize);
    }

    [Fact]
    public async Task QueryAllAsync_MoreThanOnePage_StreamsEveryMatchOnce()
    {
        var table = await SeedAsync(await azurite.CreateTableAsync(), "p", 1_050);

        var evens = await table.QueryAllAsync(TableFilter.Equal("Even", true), ["N"], Ct).ToListAsync(Ct);
        var all = await table.QueryAllAsync(null, cancellationToken: Ct).CountAsync(Ct);

        Assert.Equal(525, evens.Count);
        Assert.Equal(525, evens.Select(e => e.RowKey).Distinct().Count());
        Assert.All(evens, e => Assert.Equal(0, e.GetInt32("N")!.Value % 2));
        Assert.Equal(1_050, all);
    }
}
