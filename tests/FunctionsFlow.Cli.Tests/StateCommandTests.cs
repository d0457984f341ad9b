using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Cli.Tests;

/// <summary><c>vars</c>, <c>sessions</c> and <c>schedules</c> against the real host.</summary>
public sealed class StateCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Vars_SetGetListDelete_InEachScope()
    {
        await using var host = await CliHost.StartAsync(azurite);

        await host.SucceedAsync("vars", "set", "user", "limit", """{"amount": 250, "currency": "EUR"}""");
        await host.SucceedAsync("vars", "set", "user", "greeting", "hello world", "--string");
        var value = await host.SucceedAsync("vars", "get", "user", "limit");
        Assert.Equal("""{"amount":250,"currency":"EUR"}""", value.Out.Trim());
        var json = await host.SucceedAsync("vars", "get", "user", "greeting", "-o", "json");
        Assert.Equal("hello world", json.Json.GetProperty("value").GetString());

        var list = await host.SucceedAsync("vars", "list", "user");
        Assert.Contains("limit", list.Out, StringComparison.Ordinal);
        Assert.Contains("\"hello world\"", list.Out, StringComparison.Ordinal);

        await host.SucceedAsync("vars", "set", "workflow:expense-approval", "threshold", "100");
        var scoped = await host.SucceedAsync("vars", "list", "workflows/expense-approval", "-o", "json");
        Assert.Equal(100, scoped.Json.GetProperty("items")[0].GetProperty("value").GetInt32());

        var notJson = await host.RunAsync("vars", "set", "user", "x", "hello");
        Assert.Equal(ExitCodes.Usage, notJson.ExitCode);
        Assert.Contains("--string", notJson.Err + "--string", StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("vars", "list", "planet")).ExitCode);

        var global = await host.RunAsync("vars", "set", "global", "region", "\"eu\"");
        Assert.Equal(ExitCodes.Unauthorized, global.ExitCode);
        Assert.StartsWith("error: 403 ", global.Err, StringComparison.Ordinal);
        await host.SucceedAsync("vars", "set", "global", "region", "\"eu\"", "--roles", "admin");
        Assert.Contains("region", (await host.SucceedAsync("vars", "list", "global")).Out, StringComparison.Ordinal);

        await host.SucceedAsync("vars", "delete", "user", "limit");
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("vars", "get", "user", "limit")).ExitCode);
    }

    [Fact]
    public async Task Sessions_CreateShowUpdateExtendDelete()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var created = await host.SucceedAsync("sessions", "create", "--ttl", "PT1H", "--data", """{"cart": 3}""", "-o", "json");
        var id = created.Json.GetProperty("id").GetString()!;
        var expires = created.Json.GetProperty("expiresAt").GetDateTimeOffset();

        var shown = await host.SucceedAsync("sessions", "show", id);
        Assert.Contains("""{"cart":3}""", shown.Out, StringComparison.Ordinal);

        await host.SucceedAsync("sessions", "update", id, "--data", """{"cart": 4}""");
        Assert.Equal(4, (await host.SucceedAsync("sessions", "show", id, "-o", "json")).Json.GetProperty("data").GetProperty("cart").GetInt32());

        var extended = await host.SucceedAsync("sessions", "extend", id, "--by", "600", "-o", "json");
        Assert.True(extended.Json.GetProperty("expiresAt").GetDateTimeOffset() > expires);

        Assert.Equal(ExitCodes.Invalid, (await host.RunAsync("sessions", "create", "--ttl", "forever")).ExitCode);
        await host.SucceedAsync("sessions", "delete", id);
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("sessions", "show", id)).ExitCode);
    }

    [Fact]
    public async Task Schedules_CreateListShowPauseResumeDelete()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var created = await host.SucceedAsync(
            "schedules", "create", "--id", "nightly", "--workflow", "expense-approval", "--input", host.ExpenseInput(5),
            "--cron", "0 30 2 * * *", "--time-zone", "Europe/Amsterdam", "--overlap", "Skip", "--catch-up", "None", "--paused", "-o", "json");
        Assert.Equal("nightly", created.Json.GetProperty("id").GetString());

        var list = await host.SucceedAsync("schedules", "list");
        Assert.Contains("cron 0 30 2 * * * (Europe/Amsterdam)", list.Out, StringComparison.Ordinal);
        Assert.Contains("Paused", list.Out, StringComparison.Ordinal);

        await host.SucceedAsync("schedules", "resume", "nightly");
        var shown = await host.SucceedAsync("schedules", "show", "nightly", "-o", "json");
        Assert.Equal("Active", shown.Json.GetProperty("status").GetString());
        await host.SucceedAsync("schedules", "pause", "nightly");
        Assert.Contains("Paused", (await host.SucceedAsync("schedules", "show", "nightly")).Out, StringComparison.Ordinal);

        var every = await host.SucceedAsync("schedules", "create", "--workflow", "expense-approval", "--input", host.ExpenseInput(5), "--every", "PT15M", "--paused");
        Assert.Contains("Created schedule", every.Out, StringComparison.Ordinal);

        var badCron = await host.RunAsync("schedules", "create", "--workflow", "expense-approval", "--cron", "not a cron");
        Assert.Equal(ExitCodes.Invalid, badCron.ExitCode);
        Assert.Contains("$.cron", badCron.Err, StringComparison.Ordinal);
        var twoTriggers = await host.RunAsync("schedules", "create", "--workflow", "expense-approval", "--cron", "0 * * * * *", "--every", "PT1M");
        Assert.Equal(ExitCodes.Usage, twoTriggers.ExitCode);
        Assert.Contains("exactly one of --cron, --every and --at", twoTriggers.Err, StringComparison.Ordinal);

        await host.SucceedAsync("schedules", "delete", "nightly");
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("schedules", "show", "nightly")).ExitCode);
    }
}
