namespace FunctionsFlow.Workflows.Tests.Schema;

public sealed class SchemaFormatTests
{
    [Theory]
    [InlineData("2024-05-31T14:30:00Z")]
    [InlineData("2024-05-31t14:30:00.123+02:00")]
    [InlineData("2024-02-29T00:00:00-05:00")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2016-12-31T15:59:60-08:00")]
    public void Validate_RfcDateTime_IsValid(string value)
    {
        Assert.Equal("", SchemaAssert.Errors("""{"format": "date-time"}""", $"\"{value}\""));
    }

    [Theory]
    [InlineData("2024-05-31")]
    [InlineData("2024-05-31 14:30:00Z")]
    [InlineData("2024-05-31T14:30:00")]
    [InlineData("2024-05-31T14:30:00.Z")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-05-31T24:00:00Z")]
    [InlineData("2024-05-31T14:60:00Z")]
    [InlineData("2024-05-31T14:30:60Z")]
    [InlineData("2024-05-31T14:30:00+2:00")]
    [InlineData("2024-05-31T14:30:00+24:00")]
    [InlineData("31/05/2024 14:30")]
    public void Validate_NotRfcDateTime_IsRefused(string value)
    {
        Assert.Equal("$: must be an RFC 3339 date-time such as 2024-05-31T14:30:00Z", SchemaAssert.Errors("""{"format": "date-time"}""", $"\"{value}\""));
    }

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    [InlineData("o'brien@example.ie")]
    public void Validate_SimpleEmail_IsValid(string value)
    {
        Assert.Equal("", SchemaAssert.Errors("""{"format": "email"}""", $"\"{value}\""));
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@example")]
    [InlineData("a@b@example.com")]
    [InlineData(".ada@example.com")]
    [InlineData("ada.@example.com")]
    [InlineData("a..b@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@-example.com")]
    [InlineData("ada@example..com")]
    [InlineData("ada@exa_mple.com")]
    public void Validate_NotAnEmail_IsRefused(string value)
    {
        Assert.Equal("$: must be an email address such as name@example.com", SchemaAssert.Errors("""{"format": "email"}""", $"\"{value}\""));
    }

    [Theory]
    [InlineData("https://example.com/path?q=1#f")]
    [InlineData("urn:isbn:0451450523")]
    [InlineData("mailto:ada@example.com")]
    [InlineData("ftp://files.example.com")]
    public void Validate_AbsoluteUri_IsValid(string value)
    {
        Assert.Equal("", SchemaAssert.Errors("""{"format": "uri"}""", $"\"{value}\""));
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("example.com/path")]
    [InlineData("//example.com")]
    [InlineData("https://exa mple.com")]
    [InlineData("1http://example.com")]
    [InlineData("")]
    public void Validate_NotAnAbsoluteUri_IsRefused(string value)
    {
        Assert.Equal("$: must be an absolute URI such as https://example.com/path", SchemaAssert.Errors("""{"format": "uri"}""", $"\"{value}\""));
    }

    [Fact]
    public void Validate_FormatOnNonString_IsIgnored()
    {
        Assert.Equal("", SchemaAssert.Errors("""{"format": "email"}""", "5"));
    }

    [Fact]
    public void Validate_VeryLongEmailLikeValue_IsRefusedQuickly()
    {
        var value = new string('a', 500_000) + "@" + new string('b', 500_000) + ".com";

        Assert.Equal("$: must be an email address such as name@example.com", SchemaAssert.Errors("""{"format": "email"}""", $"\"{value}\""));
    }
}
