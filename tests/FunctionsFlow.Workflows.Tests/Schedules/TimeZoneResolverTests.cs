using FunctionsFlow.Workflows.Schedules;

namespace FunctionsFlow.Workflows.Tests.Schedules;

public sealed class TimeZoneResolverTests
{
    [Fact]
    public void Resolve_MachineHasTimeZoneData_FindsBerlin()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        Assert.Equal(TimeSpan.FromHours(1), berlin.BaseUtcOffset);
        Assert.True(berlin.SupportsDaylightSavingTime);
    }

    [Theory]
    [InlineData("Europe/Berlin", "2026-07-01T12:00:00Z", 2.0)]
    [InlineData("W. Europe Standard Time", "2026-07-01T12:00:00Z", 2.0)]
    [InlineData("America/New_York", "2026-01-15T12:00:00Z", -5.0)]
    [InlineData("Eastern Standard Time", "2026-07-01T12:00:00Z", -4.0)]
    [InlineData("Asia/Kolkata", "2026-01-15T12:00:00Z", 5.5)]
    [InlineData("Tokyo Standard Time", "2026-01-15T12:00:00Z", 9.0)]
    [InlineData("UTC", "2026-07-01T12:00:00Z", 0.0)]
    [InlineData("utc", "2026-07-01T12:00:00Z", 0.0)]
    public void Resolve_IanaOrWindowsId_ReturnsZoneWithExpectedOffset(string id, string instant, double expectedHours)
    {
        var zone = TimeZoneResolver.Resolve(id);

        var offset = zone.GetUtcOffset(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(TimeSpan.FromHours(expectedHours), offset);
    }

    [Fact]
    public void Resolve_Utc_ReturnsTheUtcZone()
    {
        Assert.Same(TimeZoneInfo.Utc, TimeZoneResolver.Resolve("UTC"));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Middle Earth Standard Time")]
    public void Resolve_UnknownId_ThrowsArgumentExceptionNamingTheId(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => TimeZoneResolver.Resolve(id));

        Assert.Contains($"'{id}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("id", error.ParamName);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public void Resolve_BlankId_ThrowsArgumentException(string id)
    {
        Assert.ThrowsAny<ArgumentException>(() => TimeZoneResolver.Resolve(id));
    }
}
