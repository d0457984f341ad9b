using System.Net;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Cli.Infrastructure;
using FunctionsFlow.Host.Tests;
using FunctionsFlow.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Cli.Tests;

/// <summary>What one run of the tool did: its exit code, standard output and standard error.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement.Clone();

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>The real host in this process, listening with Kestrel on a free loopback port, on the shared Azurite with a
/// task hub of its own and the samples published for <see cref="User"/>; and the tool, run against it over HTTP as a
/// person or a script runs it (its own console, environment and config file).</summary>
public sealed class CliHost : IAsyncDisposable
{
    public const string User = "alice";

    private readonly HostFactory _factory;
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("functionsflow-cli-").FullName;

    private CliHost(HostFactory factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
        Api = new HttpClient { BaseAddress = baseAddress };
        Api.DefaultRequestHeaders.Add("X-FunctionsFlow-User", User);
    }

    public Uri BaseAddress { get; }

    /// <summary>The API as <see cref="User"/>, for what a test sets up or checks beside the tool.</summary>
    public HttpClient Api { get; }

    public IServiceProvider Services => _factory.Services;

    /// <summary>The config file the tool reads in these tests (absent until a test writes it).</summary>
    public string ConfigPath => Path.Combine(_directory, "config.json");

    public string Directory => _directory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CliHost> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, string environment = "Development")
    {
        var factory = new HostFactory(azurite, environment, settings);
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var host = new CliHost(factory, new Uri(address));
        if (settings?.ContainsKey("FunctionsFlow:Auth:Mode") != true)
        {
            await host.PublishSampleAsync("expense-approval");
        }

        return host;
    }

    public async Task PublishSampleAsync(string id)
    {
        var yaml = await File.ReadAllTextAsync(SamplePath(id), Ct);
        Assert.Equal(HttpStatusCode.Created, (await Api.PutAsync($"/api/workflows/{id}", new StringContent(yaml, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync($"/api/workflows/{id}/publish", null, Ct)).StatusCode);
    }

    public static string SamplePath(string id) => Path.Combine(RepositoryPaths.Root, "samples", id + ".yaml");

    /// <summary>Runs <c>functionsflow</c> with these arguments: the environment names this host and <see cref="User"/>
    /// unless <paramref name="environment"/> says otherwise (a null value unsets a variable); <paramref name="stdin"/>
    /// is piped in when given.</summary>
    public async Task<CliResult> RunAsync(string[] args, string? stdin = null, IDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?>
        {
            ["FUNCTIONSFLOW_URL"] = BaseAddress.ToString(),
            ["FUNCTIONSFLOW_USER"] = User,
            ["FUNCTIONSFLOW_CONFIG"] = ConfigPath,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(output, error, new StringReader(stdin ?? string.Empty), inputRedirected: stdin is not null, interactive: false, name => variables.GetValueOrDefault(name), width: 240);
        var exitCode = await CliApplication.RunAsync(args, console, Ct);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, null, null);

    /// <summary>Runs the tool and asserts it succeeded, showing its output when it did not.</summary>
    public async Task<CliResult> SucceedAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        return result;
    }

    /// <summary>Starts an expense-approval run through the API: over 100 it waits for a manager.</summary>
    public async Task StartExpenseAsync(string instanceId, int amount)
    {
        var input = JsonSerializer.Serialize(new { amount, webhookUrl = new Uri(BaseAddress, "/api/health/live").ToString() });
        var started = await Api.PostAsync($"/api/workflows/expense-approval/executions?instanceId={instanceId}", new StringContent(input, Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
    }

    /// <summary>The input of an expense-approval run whose notify step calls this host (so it is quick and succeeds).</summary>
    public string ExpenseInput(int amount) => JsonSerializer.Serialize(new { amount, webhookUrl = new Uri(BaseAddress, "/api/health/live").ToString() });

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await _factory.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
