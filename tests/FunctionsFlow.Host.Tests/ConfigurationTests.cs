using Azure.Core;
using FunctionsFlow.Host.Configuration;
using Microsoft.Extensions.Configuration;

namespace FunctionsFlow.Host.Tests;

public sealed class ConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static TokenCredential Credential(string? clientId) => new FakeCredential(clientId);

    [Fact]
    public void ScheduleOptions_FromSettings_OverTheDefaults()
    {
        var options = ScheduleSetup.ReadOptions(Config(("FunctionsFlow:Schedules:CatchUpWindow", "PT6H"), ("FunctionsFlow:Schedules:MaxCatchUpRuns", "3")));
        var defaults = ScheduleSetup.ReadOptions(Config(("FunctionsFlow:Schedules:CatchUpWindow", "")));

        Assert.Equal((TimeSpan.FromHours(6), 3), (options.DefaultCatchUpWindow, options.MaxCatchUpRuns));
        Assert.Equal((TimeSpan.FromDays(1), 10), (defaults.DefaultCatchUpWindow, defaults.MaxCatchUpRuns));
    }

    [Theory]
    [InlineData("FunctionsFlow:Schedules:CatchUpWindow", "daily")]
    [InlineData("FunctionsFlow:Schedules:CatchUpWindow", "P400D")]
    [InlineData("FunctionsFlow:Schedules:MaxCatchUpRuns", "0")]
    [InlineData("FunctionsFlow:Schedules:MaxCatchUpRuns", "many")]
    public void ScheduleOptions_MalformedSetting_FailsNamingIt(string key, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ScheduleSetup.ReadOptions(Config((key, value))));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAccount_UseDevelopmentStorage_PointsAtTheEmulator()
    {
        var account = StorageConfiguration.CreateAccount(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal("devstoreaccount1", account.Name);
        Assert.Equal("http://127.0.0.1:10000/devstoreaccount1", account.BlobEndpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", account.QueueEndpoint.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", account.TableEndpoint.AbsoluteUri.TrimEnd('/'));
        Assert.True(account.UsesSharedKey);
    }

    [Fact]
    public void CreateAccount_AccountConnectionString_DerivesEndpointsFromTheSuffix()
    {
        var key = Convert.ToBase64String(new byte[32]);
        var account = StorageConfiguration.CreateAccount(Config(("AzureWebJobsStorage",
            $"DefaultEndpointsProtocol=https;AccountName=contoso;AccountKey={key};EndpointSuffix=core.chinacloudapi.cn")));

        Assert.Equal("contoso", account.Name);
        Assert.Equal("https://contoso.table.core.chinacloudapi.cn/", account.TableEndpoint.AbsoluteUri);
    }

    [Fact]
    public void CreateAccount_AccountName_UsesEntraIdWithTheClientId()
    {
        FakeCredential? used = null;
        var account = StorageConfiguration.CreateAccount(
            Config(("AzureWebJobsStorage:accountName", "contoso"), ("AzureWebJobsStorage:clientId", "abc")),
            id => used = new FakeCredential(id));

        Assert.False(account.UsesSharedKey);
        Assert.Equal("https://contoso.queue.core.windows.net/", account.QueueEndpoint.AbsoluteUri);
        Assert.Equal("abc", used?.ClientId);
    }

    [Fact]
    public void CreateAccount_ServiceUriValue_UsesEntraId()
    {
        var account = StorageConfiguration.CreateAccount(Config(("AzureWebJobsStorage", "https://contoso.blob.core.windows.net")), Credential);

        Assert.False(account.UsesSharedKey);
        Assert.Equal("https://contoso.table.core.windows.net/", account.TableEndpoint.AbsoluteUri);
    }

    [Fact]
    public void CreateAccount_ThreeServiceUris_UsesThem()
    {
        var account = StorageConfiguration.CreateAccount(
            Config(
                ("AzureWebJobsStorage:blobServiceUri", "https://b.example.net"),
                ("AzureWebJobsStorage:queueServiceUri", "https://q.example.net"),
                ("AzureWebJobsStorage:tableServiceUri", "https://t.example.net")),
            Credential);

        Assert.Equal("https://q.example.net/", account.QueueEndpoint.AbsoluteUri);
    }

    [Fact]
    public void CreateAccount_NothingConfigured_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConfiguration.CreateAccount(Config()));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountName=x")]
    [InlineData("AccountName=x;AccountKey=not-base64!")]
    [InlineData("AccountKey=AAAA")]
    [InlineData("garbage")]
    public void CreateAccount_MalformedConnectionString_ThrowsFormatExceptionWithoutTheKey(string value)
    {
        var error = Assert.Throws<FormatException>(() => StorageConfiguration.CreateAccount(Config(("AzureWebJobsStorage", value))));

        Assert.DoesNotContain("AAAA", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddLocalSettings_ReadsValuesBelowTheEnvironment()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("n") + ".json");
        File.WriteAllText(path, """
            { "IsEncrypted": false, "Values": { "FunctionsFlow__TaskHub": "fromfile", "FunctionsFlow:Auth:Mode": "AppService", "Other": "x" } }
            """);
        // A prefix of this test's own, so no other test (nor the host under test) sees the variable.
        var prefix = "FFTEST" + Guid.NewGuid().ToString("n") + "_";
        var variable = prefix + "FunctionsFlow__TaskHub";
        try
        {
            Environment.SetEnvironmentVariable(variable, "fromenv");
            var builder = new ConfigurationBuilder().AddEnvironmentVariables(prefix);
            builder.AddLocalSettings(path);
            var config = builder.Build();

            Assert.Equal("fromenv", config["FunctionsFlow:TaskHub"]);
            Assert.Equal("AppService", config["FunctionsFlow:Auth:Mode"]);
            Assert.Equal("x", config["Other"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            File.Delete(path);
        }
    }

    private sealed class FakeCredential(string? clientId) : TokenCredential
    {
        public string? ClientId { get; } = clientId;

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("t", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
