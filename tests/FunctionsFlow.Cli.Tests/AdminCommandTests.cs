using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Host.Security.ApiKeys;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Cli.Tests;

/// <summary><c>connections</c>, <c>health</c>, <c>emergency</c>, the API key caller and an unreachable host.</summary>
public sealed class AdminCommandTests(AzuriteFixture azurite)
{
    private const string Secret = "sk_live_cli_test_4f1d9a";

    [Fact]
    public async Task Connections_TakeSecretsFromStandardInput_AndNeverShowThem()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var saved = await host.RunAsync(["connections", "set", "billing", "--type", "apiKey", "--header", "X-Api-Key"], stdin: Secret + "\n");
        Assert.True(saved.ExitCode == 0, saved.ToString());
        Assert.Contains("Saved connection billing (apiKey, Active).", saved.Out, StringComparison.Ordinal);

        var basic = await host.RunAsync(["connections", "set", "ledger", "--type", "basic", "-o", "json"], stdin: $$"""{"username": "svc", "password": "{{Secret}}"}""");
        Assert.True(basic.ExitCode == 0, basic.ToString());
        Assert.Equal("basic", basic.Json.GetProperty("type").GetString());

        var list = await host.SucceedAsync("connections", "list");
        var shown = await host.SucceedAsync("connections", "show", "billing");
        var json = await host.SucceedAsync("connections", "show", "billing", "-o", "json");
        Assert.Contains("ledger", list.Out, StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", shown.Out, StringComparison.Ordinal);
        foreach (var output in new[] { saved, basic, list, shown, json })
        {
            Assert.DoesNotContain(Secret, output.Out + output.Err, StringComparison.Ordinal);
        }

        var basicRaw = await host.RunAsync(["connections", "set", "ledger", "--type", "basic"], stdin: "svc:" + Secret);
        Assert.Equal(ExitCodes.Usage, basicRaw.ExitCode);
        Assert.DoesNotContain(Secret, basicRaw.Err, StringComparison.Ordinal);
        var smuggled = await host.RunAsync(["connections", "set", "billing", "--type", "apiKey"], stdin: """{"apiKey": "x", "header": "Y"}""");
        Assert.Equal(ExitCodes.Usage, smuggled.ExitCode);
        var noInput = await host.RunAsync("connections", "set", "billing", "--type", "apiKey");
        Assert.Equal(ExitCodes.Usage, noInput.ExitCode);
        Assert.Contains("never from arguments", noInput.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("connections", "set", "billing", "--type", "apiKey", "--api-key-value", Secret)).ExitCode);

        await host.SucceedAsync("connections", "delete", "billing");
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("connections", "show", "billing")).ExitCode);
    }

    [Fact]
    public async Task HealthAndEmergency()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var health = await host.SucceedAsync("health");
        Assert.Matches(@"(?m)^Emergency +off", health.Out);
        var healthJson = await host.SucceedAsync("health", "-o", "json");
        Assert.Equal(JsonValueKind.Object, healthJson.Json.GetProperty("counts").ValueKind);

        var notAdmin = await host.RunAsync("emergency", "on", "--reason", "bad deploy");
        Assert.Equal(ExitCodes.Unauthorized, notAdmin.ExitCode);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("emergency", "on", "--roles", "admin")).ExitCode);

        var on = await host.SucceedAsync("emergency", "on", "--reason", "bad deploy", "--roles", "admin", "-o", "json");
        Assert.True(on.Json.GetProperty("active").GetBoolean());
        var refused = await host.RunAsync("start", "expense-approval", "-i", host.ExpenseInput(1));
        Assert.Equal(ExitCodes.Unavailable, refused.ExitCode);
        Assert.Contains("bad deploy", refused.Err, StringComparison.Ordinal);
        Assert.Contains("Retry after", refused.Err, StringComparison.Ordinal);
        Assert.Contains("ON since", (await host.RunAsync("health")).Out, StringComparison.Ordinal);

        await host.SucceedAsync("emergency", "off", "--roles", "admin");
        await host.SucceedAsync("start", "expense-approval", "-i", host.ExpenseInput(1));
    }

    [Fact]
    public async Task ApiKey_FromTheOption_TheEnvironmentOrTheConfigFile_CallsAsItsUser()
    {
        await using var host = await CliHost.StartAsync(azurite, new Dictionary<string, string?> { ["FunctionsFlow:Auth:Mode"] = "ApiKey" }, environment: "Production");
        var (_, key) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync("ops", ["admin"], "cli", null, "test", TestContext.Current.CancellationToken);
        var noUser = new Dictionary<string, string?> { ["FUNCTIONSFLOW_USER"] = null };

        var fromOption = await host.RunAsync(["vars", "set", "user", "n", "1", "--api-key", key], environment: noUser);
        Assert.True(fromOption.ExitCode == 0, fromOption.ToString());
        var fromEnvironment = await host.RunAsync(["vars", "get", "user", "n"], environment: new Dictionary<string, string?> { ["FUNCTIONSFLOW_USER"] = null, ["FUNCTIONSFLOW_API_KEY"] = key });
        Assert.Equal("1", fromEnvironment.Out.Trim());

        var stored = await host.RunAsync(["config", "set", "apiKey"], stdin: key + "\n", environment: noUser);
        Assert.True(stored.ExitCode == 0, stored.ToString());
        var shown = await host.SucceedAsync("config", "show");
        Assert.DoesNotContain(key, shown.Out, StringComparison.Ordinal);
        Assert.Contains("characters)", shown.Out, StringComparison.Ordinal);
        Assert.Equal("1", (await host.RunAsync(["vars", "get", "user", "n"], environment: noUser)).Out.Trim());

        var wrong = await host.RunAsync(["health", "--api-key", "ffk_wrong"], environment: noUser);
        Assert.Equal(ExitCodes.Unauthorized, wrong.ExitCode);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("config", "set", "apiKey", key)).ExitCode);
    }

    [Fact]
    public async Task AnUnreachableHost_Exits7_AndABadUrl_Exits2()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var unreachable = await host.RunAsync("health", "--url", "http://127.0.0.1:9");
        Assert.Equal(ExitCodes.Unavailable, unreachable.ExitCode);
        Assert.Contains("Cannot reach the host at http://127.0.0.1:9/", unreachable.Err, StringComparison.Ordinal);

        var badUrl = await host.RunAsync(["health"], environment: new Dictionary<string, string?> { ["FUNCTIONSFLOW_URL"] = "ftp://example" });
        Assert.Equal(ExitCodes.Usage, badUrl.ExitCode);
        Assert.Contains("FUNCTIONSFLOW_URL", badUrl.Err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigFile_SuppliesWhatOptionsAndEnvironmentDoNot()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var bare = new Dictionary<string, string?> { ["FUNCTIONSFLOW_URL"] = null, ["FUNCTIONSFLOW_USER"] = null };

        var empty = await host.SucceedAsync("config", "show", "-o", "json");
        Assert.Equal(host.ConfigPath, empty.Json.GetProperty("path").GetString());
        Assert.Equal(JsonValueKind.Null, empty.Json.GetProperty("values").GetProperty("url").ValueKind);
        await host.SucceedAsync("config", "set", "url", host.BaseAddress.ToString());
        await host.SucceedAsync("config", "set", "user", "bob");
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("config", "set", "url", "not a url")).ExitCode);

        await host.RunAsync(["vars", "set", "user", "who", "\"bob\""], environment: bare);
        Assert.Equal("\"bob\"", (await host.RunAsync(["vars", "get", "user", "who"], environment: bare)).Out.Trim());
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("vars", "get", "user", "who")).ExitCode);

        var config = JsonDocument.Parse(await File.ReadAllTextAsync(host.ConfigPath, TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("bob", config.GetProperty("user").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(host.ConfigPath));
        }

        await host.SucceedAsync("config", "unset", "user");
        Assert.Equal(ExitCodes.Unauthorized, (await host.RunAsync(["vars", "list", "user"], environment: bare)).ExitCode);

        await File.WriteAllTextAsync(host.ConfigPath, "{not json", TestContext.Current.CancellationToken);
        var broken = await host.RunAsync("health");
        Assert.Equal(ExitCodes.Usage, broken.ExitCode);
        Assert.Contains(host.ConfigPath, broken.Err, StringComparison.Ordinal);
    }
}
