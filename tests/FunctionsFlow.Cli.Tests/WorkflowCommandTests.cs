using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Cli.Tests;

/// <summary><c>workflow apply|list|show|publish|delete</c> against the real host.</summary>
public sealed class WorkflowCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Apply_SavesADraftFromYaml_ThenReplacesIt_AndPublishesWithPublish()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var file = Path.Combine(host.Directory, "my-http.yaml");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(CliHost.SamplePath("http-with-fallback"), TestContext.Current.CancellationToken)).Replace("id: http-with-fallback", "id: my-http", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var created = await host.SucceedAsync("workflow", "apply", "-f", file);
        Assert.Contains("Created the draft of my-http.", created.Out, StringComparison.Ordinal);

        var replaced = await host.SucceedAsync("workflow", "apply", "-f", file, "--publish", "-o", "json");
        Assert.Equal("my-http", replaced.Json.GetProperty("id").GetString());
        Assert.Equal("Published", replaced.Json.GetProperty("state").GetString());
        Assert.Equal(1, replaced.Json.GetProperty("version").GetInt32());

        var shown = await host.SucceedAsync("workflow", "show", "my-http", "-o", "json");
        Assert.Equal(1, shown.Json.GetProperty("versions").GetArrayLength());
        var source = await host.SucceedAsync("workflow", "show", "my-http", "--definition");
        Assert.StartsWith("# ", source.Out, StringComparison.Ordinal);
        Assert.Contains("id: my-http", source.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ReadsJsonFromStandardInput()
    {
        await using var host = await CliHost.StartAsync(azurite);
        const string definition = """{"id": "piped", "name": "Piped", "steps": [{"id": "done", "return": {"ok": true}}]}""";

        var result = await host.RunAsync(["workflow", "apply", "-f", "-", "--publish"], stdin: definition);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("published it as version 1", result.Out, StringComparison.Ordinal);
        var started = await host.SucceedAsync("start", "piped", "--wait", "--interval", "100ms", "-o", "json");
        Assert.Equal("Completed", started.Json.GetProperty("runtimeStatus").GetString());
        Assert.True(started.Json.GetProperty("output").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Apply_AnInvalidDefinition_Exits3WithEveryErrorByPath_AndStoresNothing()
    {
        await using var host = await CliHost.StartAsync(azurite);
        var file = Path.Combine(host.Directory, "broken.yaml");
        await File.WriteAllTextAsync(file, "id: broken\nname: Broken\nsteps:\n  - id: a\n    http: {method: FETCH}\n", TestContext.Current.CancellationToken);

        var result = await host.RunAsync("workflow", "apply", "-f", file);

        Assert.Equal(ExitCodes.Invalid, result.ExitCode);
        Assert.StartsWith("error: 400 ", result.Err, StringComparison.Ordinal);
        Assert.Contains("$.steps[0]", result.Err, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.NotFound, (await host.RunAsync("workflow", "show", "broken")).ExitCode);
    }

    [Fact]
    public async Task Apply_UsageErrors_Exit2BeforeCallingTheHost()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var missing = await host.RunAsync("workflow", "apply", "-f", Path.Combine(host.Directory, "nope.yaml"));
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        Assert.Contains("cannot read", missing.Err, StringComparison.Ordinal);

        var noFile = await host.RunAsync("workflow", "apply");
        Assert.Equal(ExitCodes.Usage, noFile.ExitCode);
        Assert.Contains("--file", noFile.Err, StringComparison.Ordinal);
        Assert.Contains("functionsflow workflow apply --help", noFile.Err, StringComparison.Ordinal);

        var noId = Path.Combine(host.Directory, "no-id.yaml");
        await File.WriteAllTextAsync(noId, "name: No id\nsteps: []\n", TestContext.Current.CancellationToken);
        var withoutId = await host.RunAsync("workflow", "apply", "-f", noId);
        Assert.Equal(ExitCodes.Usage, withoutId.ExitCode);
        Assert.Contains("no top-level id", withoutId.Err, StringComparison.Ordinal);

        var unknown = await host.RunAsync("workflow", "frobnicate");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
    }

    [Fact]
    public async Task ListPublishAndDelete()
    {
        await using var host = await CliHost.StartAsync(azurite);
        await host.SucceedAsync("workflow", "apply", "-f", CliHost.SamplePath("scheduled-tick"));

        var drafts = await host.SucceedAsync("workflow", "list", "--state", "Draft", "-o", "json");
        Assert.Equal(["scheduled-tick"], drafts.Json.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetString()));

        var table = await host.SucceedAsync("workflow", "list");
        Assert.Contains("expense-approval", table.Out, StringComparison.Ordinal);
        Assert.Contains("scheduled-tick", table.Out, StringComparison.Ordinal);
        Assert.Contains("Draft", table.Out, StringComparison.Ordinal);

        var published = await host.SucceedAsync("workflow", "publish", "scheduled-tick");
        Assert.Contains("Published scheduled-tick as version 1.", published.Out, StringComparison.Ordinal);

        var deleted = await host.SucceedAsync("workflow", "delete", "scheduled-tick", "-o", "json");
        Assert.True(deleted.Json.GetProperty("deleted").GetBoolean());
        var gone = await host.RunAsync("workflow", "show", "scheduled-tick");
        Assert.Equal(ExitCodes.NotFound, gone.ExitCode);
        Assert.StartsWith("error: 404 ", gone.Err, StringComparison.Ordinal);
        Assert.Equal(string.Empty, gone.Out);

        Assert.Equal(ExitCodes.Usage, (await host.RunAsync("workflow", "list", "--state", "Archived")).ExitCode);
    }
}
