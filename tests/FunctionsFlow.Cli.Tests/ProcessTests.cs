using System.Diagnostics;
using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Cli.Tests;

/// <summary>The built <c>functionsflow</c> program in a process of its own: its entry point, real standard streams and
/// exit codes.</summary>
public sealed class ProcessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheProgram_AnswersWithExitCodes_AndJsonOnStandardOutput()
    {
        await using var host = await CliHost.StartAsync(azurite);

        var help = await RunProcessAsync(host, "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("workflow", help.Out, StringComparison.Ordinal);
        Assert.Contains("emergency", help.Out, StringComparison.Ordinal);

        var health = await RunProcessAsync(host, "health", "-o", "json");
        Assert.True(health.ExitCode == 0, health.ToString());
        Assert.Equal("Healthy", health.Json.GetProperty("status").GetString());
        Assert.Equal(string.Empty, health.Err);

        var started = await RunProcessAsync(host, "start", "expense-approval", "--input", host.ExpenseInput(7), "--wait", "--interval", "100ms", "-o", "json");
        Assert.True(started.ExitCode == 0, started.ToString());
        Assert.Equal("Completed", started.Json.GetProperty("runtimeStatus").GetString());

        var unknown = await RunProcessAsync(host, "frobnicate");
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Contains("frobnicate", unknown.Err, StringComparison.Ordinal);

        var missing = await RunProcessAsync(host, "status", "no-such-execution");
        Assert.Equal(ExitCodes.NotFound, missing.ExitCode);
        Assert.StartsWith("error: 404 ", missing.Err, StringComparison.Ordinal);
    }

    private static async Task<CliResult> RunProcessAsync(CliHost host, params string[] args)
    {
        var program = Path.ChangeExtension(typeof(CliApplication).Assembly.Location, ".dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["FUNCTIONSFLOW_URL"] = host.BaseAddress.ToString();
        start.Environment["FUNCTIONSFLOW_USER"] = CliHost.User;
        start.Environment["FUNCTIONSFLOW_CONFIG"] = host.ConfigPath;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
