using FunctionsFlow.Testing;
using Microsoft.Extensions.Options;

namespace FunctionsFlow.Host.Tests;

public sealed class StartupTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("ab")]
    [InlineData("1hub")]
    [InlineData("has-dash")]
    public async Task Start_WithInvalidTaskHub_FailsNamingTheSetting(string hub)
    {
        await using var app = FunctionsFlowApp.Build(
            ["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", azurite.ConnectionString, "--FunctionsFlow:TaskHub", hub]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("FunctionsFlow:TaskHub", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithValidSettings_ListensOnTheGivenUrl()
    {
        await using var app = FunctionsFlowApp.Build(
            ["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", azurite.ConnectionString, "--FunctionsFlow:TaskHub", "validhub"]);

        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = Assert.Single(app.Urls);
        using var http = new HttpClient();
        var response = await http.GetAsync(new Uri(new Uri(address), "/api/health/live"), TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
