using System.Text.Json;
using Azure.Core;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;
using static FunctionsFlow.Storage.Tests.Tables.TableTestExtensions;

namespace FunctionsFlow.Storage.Tests.Tables;

public sealed class TableEntityWireFormatTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset When = new(2024, 2, 29, 13, 14, 15, TimeSpan.FromHours(2));
    private static readonly Guid Id = Guid.Parse("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    private static readonly byte[] Bytes = [0, 1, 2, 254, 255];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TableEntity EveryType() => Entity(
        "p", "r",
        ("Text", "héllo \"world\" 'quoted'"),
        ("Flag", true),
        ("Small", 42),
        ("Big", long.MaxValue),
        ("Ratio", 0.25),
        ("Whole", 2.0),
        ("NotANumber", double.NaN),
        ("When", When.AddTicks(1234567)),
        ("Id", Id),
        ("Data", Bytes));

    [Fact]
    public async Task GetEntity_EveryPropertyType_RoundTripsWithItsType()
    {
        var table = await azurite.CreateTableAsync();
        var etag = await table.AddEntityAsync(EveryType(), Ct);

        var read = await table.GetEntityAsync("p", "r", cancellationToken: Ct);

        Assert.Equal(etag, read.ETag);
        Assert.NotNull(read.Timestamp);
        Assert.Equal("héllo \"world\" 'quoted'", read.GetString("Text"));
        Assert.Equal(true, read.GetBoolean("Flag"));
        Assert.IsType<int>(read["Small"]);
        Assert.Equal(42, read.GetInt32("Small"));
        Assert.IsType<long>(read["Big"]);
        Assert.Equal(long.MaxValue, read.GetInt64("Big"));
        Assert.Equal(0.25, read.GetDouble("Ratio"));
        Assert.IsType<double>(read["Whole"]);
        Assert.Equal(2.0, read.GetDouble("Whole"));
        Assert.True(double.IsNaN(read.GetDouble("NotANumber")!.Value));
        Assert.Equal(When.AddTicks(1234567), read.GetDateTimeOffset("When"));
        Assert.Equal(TimeSpan.Zero, read.GetDateTimeOffset("When")!.Value.Offset);
        Assert.Equal(Id, read.GetGuid("Id"));
        Assert.Equal(Bytes, read.GetBinary("Data"));
        Assert.Equal(10, read.Count);
    }

    [Fact]
    public async Task GetEntity_DateTimeProperty_IsStoredAsUtc()
    {
        var table = await azurite.CreateTableAsync();
        var local = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Local);
        await table.AddEntityAsync(Entity("p", "r", ("At", local)), Ct);

        var read = await table.GetEntityAsync("p", "r", cancellationToken: Ct);

        Assert.Equal(new DateTimeOffset(local.ToUniversalTime(), TimeSpan.Zero), read.GetDateTimeOffset("At"));
    }

    [Fact]
    public async Task RawFullMetadataRead_OfWrittenEntity_CarriesEdmAnnotations()
    {
        var factory = azurite.CreateFactory();
        var table = await azurite.CreateTableAsync();
        await table.AddEntityAsync(EveryType(), Ct);

        var pipeline = factory.Pipeline;
        using var message = pipeline.CreateMessage(RequestMethod.Get, new Uri(table.Uri + "(PartitionKey='p',RowKey='r')"));
        message.Request.Headers.SetValue("Accept", "application/json;odata=fullmetadata");
        message.Request.Headers.SetValue("DataServiceVersion", "3.0");
        var response = await pipeline.SendAsync(message, Ct, 200);
        using var json = JsonDocument.Parse(response.Content.ToString());
        var root = json.RootElement;

        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal(long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture), root.GetProperty("Big").GetString());
        Assert.Equal("Edm.DateTime", root.GetProperty("When@odata.type").GetString());
        Assert.Equal("2024-02-29T11:14:15.1234567Z", root.GetProperty("When").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("Id@odata.type").GetString());
        Assert.Equal(Id, root.GetProperty("Id").GetGuid());
        Assert.Equal("Edm.Binary", root.GetProperty("Data@odata.type").GetString());
        Assert.Equal(Bytes, root.GetProperty("Data").GetBytesFromBase64());
        Assert.Equal("Edm.Double", root.GetProperty("NotANumber@odata.type").GetString());
        Assert.Equal("NaN", root.GetProperty("NotANumber").GetString());

        // Azure annotates every double in full metadata; Azurite annotates only the non-numeric ones and writes a
        // whole double with a fraction ("2.0"). Either way no reader takes it for an Int32.
        var whole = root.GetProperty("Whole");
        Assert.True(
            root.TryGetProperty("Whole@odata.type", out var wholeType)
                ? wholeType.GetString() == "Edm.Double"
                : whole.ValueKind == JsonValueKind.Number && whole.GetRawText().Contains('.', StringComparison.Ordinal),
            "The whole double came back as " + whole.GetRawText());
        Assert.False(root.TryGetProperty("Small@odata.type", out _), "An Int32 needs no annotation.");
        Assert.False(root.TryGetProperty("Text@odata.type", out _), "A string needs no annotation.");
    }
}
