using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableEntityTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007fb")]
    public void Constructor_RowKeyWithForbiddenCharacter_ThrowsNamingTheKey(string rowKey)
    {
        var error = Assert.Throws<ArgumentException>(() => new TableEntity("p", rowKey));

        Assert.Equal("rowKey", error.ParamName);
        Assert.Contains("rowKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PartitionKeyOver1KiB_ThrowsNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(() => new TableEntity(new string('k', TableEntity.MaxKeyLength + 1), "r"));

        Assert.Equal("partitionKey", error.ParamName);
    }

    [Fact]
    public void Constructor_KeysAtTheLimitAndEmpty_AreAccepted()
    {
        var entity = new TableEntity(new string('k', TableEntity.MaxKeyLength), string.Empty);

        Assert.Equal(TableEntity.MaxKeyLength, entity.PartitionKey.Length);
        Assert.Empty(entity.RowKey);
    }

    [Theory]
    [InlineData("PartitionKey")]
    [InlineData("RowKey")]
    [InlineData("Timestamp")]
    [InlineData("odata.etag")]
    [InlineData("Name@odata.type")]
    [InlineData("")]
    public void Indexer_ReservedOrEmptyName_Throws(string name)
    {
        var entity = new TableEntity("p", "r");

        Assert.ThrowsAny<ArgumentException>(() => entity[name] = "x");
    }

    [Fact]
    public void Indexer_UnsupportedType_Throws()
    {
        var entity = new TableEntity("p", "r");

        var error = Assert.Throws<ArgumentException>(() => entity["Price"] = 1.5m);

        Assert.Contains("Price", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Indexer_Null_RemovesTheProperty()
    {
        var entity = new TableEntity("p", "r") { ["Name"] = "x" };

        entity["Name"] = null;

        Assert.Equal(0, entity.Count);
        Assert.False(entity.TryGetValue("Name", out _));
    }

    [Fact]
    public void Indexer_DateTimeOfEveryKind_IsStoredAsUtcDateTimeOffset()
    {
        var local = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Local);
        var entity = new TableEntity("p", "r")
        {
            ["Local"] = local,
            ["Unspecified"] = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
            ["Offset"] = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)),
        };

        Assert.Equal(new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero), entity["Local"]);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), entity["Unspecified"]);
        Assert.Equal(TimeSpan.Zero, entity.GetDateTimeOffset("Offset")!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 1, 2, 8, 4, 5, TimeSpan.Zero), entity.GetDateTimeOffset("Offset"));
    }

    [Fact]
    public void TypedGetters_AbsentProperty_ReturnNull()
    {
        var entity = new TableEntity("p", "r");

        Assert.Null(entity.GetString("X"));
        Assert.Null(entity.GetInt64("X"));
        Assert.Null(entity.GetBinary("X"));
        Assert.Null(entity["X"]);
    }

    [Fact]
    public void TypedGetters_WiderNumericType_Widens()
    {
        var entity = new TableEntity("p", "r") { ["Count"] = 7 };

        Assert.Equal(7L, entity.GetInt64("Count"));
        Assert.Equal(7.0, entity.GetDouble("Count"));
    }

    [Fact]
    public void TypedGetters_OtherType_ThrowsNamingTheProperty()
    {
        var entity = new TableEntity("p", "r") { ["Count"] = 7L };

        var error = Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Count"));

        Assert.Contains("Count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enumeration_YieldsPropertiesButNotKeys()
    {
        var entity = new TableEntity("p", "r") { ["A"] = 1, ["B"] = "two" };

        var names = entity.Select(p => p.Key).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["A", "B"], names);
    }
}
