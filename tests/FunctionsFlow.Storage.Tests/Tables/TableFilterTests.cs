using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;
using static FunctionsFlow.Storage.Tests.Tables.TableTestExtensions;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableFilterTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Equal_StringWithSingleQuotes_DoublesThem()
    {
        Assert.Equal("Name eq 'O''Brien''s'", TableFilter.Equal("Name", "O'Brien's"));
    }

    [Fact]
    public void Equal_TypedValues_UseTheirODataLiterals()
    {
        Assert.Equal("Count eq 5", TableFilter.Equal("Count", 5));
        Assert.Equal("Big eq 5L", TableFilter.Equal("Big", 5L));
        Assert.Equal("Done eq true", TableFilter.Equal("Done", true));
        Assert.Equal(
            "Id eq guid'6f9619ff-8b86-d011-b42d-00c04fc964ff'",
            TableFilter.Equal("Id", Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff")));
        Assert.Equal(
            "At lt datetime'2024-01-02T01:04:05.0000000Z'",
            TableFilter.Compare("At", TableComparison.LessThan, new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))));
    }

    [Fact]
    public void RowKeyStartsWith_Prefix_IsAHalfOpenRange()
    {
        Assert.Equal("RowKey ge 'ab' and RowKey lt 'ac'", TableFilter.RowKeyStartsWith("ab"));
        Assert.Equal("RowKey ge ''", TableFilter.RowKeyStartsWith(string.Empty));
    }

    [Fact]
    public void AndOr_Filters_AreParenthesised()
    {
        var filter = TableFilter.Or(TableFilter.And("A eq 1", "B eq 2"), "C eq 3");

        Assert.Equal("((A eq 1) and (B eq 2)) or (C eq 3)", filter);
    }

    [Theory]
    [InlineData("Name eq 'x' or true")]
    [InlineData("")]
    [InlineData("a-b")]
    public void Equal_InvalidPropertyName_Throws(string property)
    {
        Assert.ThrowsAny<ArgumentException>(() => TableFilter.Equal(property, "x"));
    }

    [Fact]
    public async Task QueryAsync_FilterOnValueWithSingleQuote_MatchesExactlyThatEntity()
    {
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(Entity("it's", "1", ("Name", "O'Brien")), Ct);
        await table.AddEntityAsync(Entity("it's", "2", ("Name", "O")), Ct);
        await table.AddEntityAsync(Entity("its", "3", ("Name", "O'Brien")), Ct);

        var page = await table.QueryAsync(
            TableFilter.And(TableFilter.PartitionKeyEquals("it's"), TableFilter.Equal("Name", "O'Brien")),
            cancellationToken: Ct);

        var match = Assert.Single(page.Items);
        Assert.Equal(("it's", "1"), (match.PartitionKey, match.RowKey));
        Assert.NotNull(await table.GetEntityIfExistsAsync("it's", "1", cancellationToken: Ct));
    }
}
