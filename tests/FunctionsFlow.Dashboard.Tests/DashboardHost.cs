using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Host.Tests;
using FunctionsFlow.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The real host in this process, listening with Kestrel on a free loopback port so a browser can reach it,
/// on the shared Azurite with a task hub of its own, and the expense-approval sample published for its user.</summary>
/// <remarks>By default the host is in the Development auth mode and the user is <see cref="User"/>. Given an App Service
/// principal, it runs as in Azure (AppService mode, Production) and every request of the API client and of the
/// browser carries that principal, as App Service's front end adds it to the requests of a signed-in browser.</remarks>
public sealed class DashboardHost : IAsyncDisposable
{
    public const string User = "alice";

    private const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private static readonly string Sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "expense-approval.yaml"));

    private readonly HostFactory _factory;
    private readonly List<IBrowserContext> _contexts = [];
    private readonly List<string> _scriptErrors = [];

    private readonly string? _principal;

    private DashboardHost(HostFactory factory, Uri baseAddress, string? principal)
    {
        _factory = factory;
        _principal = principal;
        BaseAddress = baseAddress;
        Api = new HttpClient { BaseAddress = baseAddress };
        Api.DefaultRequestHeaders.Add(principal is null ? "X-FunctionsFlow-User" : PrincipalHeader, principal ?? User);
    }

    public Uri BaseAddress { get; }

    /// <summary>The API as <see cref="User"/>, for what a test sets up or checks beside the browser.</summary>
    public HttpClient Api { get; }

    /// <summary>Uncaught script errors of every page opened so far (a test ends by asserting there are none).</summary>
    public IReadOnlyList<string> ScriptErrors
    {
        get
        {
            lock (_scriptErrors)
            {
                return [.. _scriptErrors];
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts a host; with <paramref name="appServicePrincipal"/> (the header's base64 JSON) as behind App Service
    /// authentication.</summary>
    public static async Task<DashboardHost> StartAsync(AzuriteFixture azurite, string? appServicePrincipal = null)
    {
        var factory = appServicePrincipal is null
            ? new HostFactory(azurite)
            : new HostFactory(azurite, "Production", new Dictionary<string, string?> { ["FunctionsFlow:Auth:Mode"] = "AppService" });
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var host = new DashboardHost(factory, new Uri(address), appServicePrincipal);

        var saved = await host.Api.PutAsync("/api/workflows/expense-approval", new StringContent(Sample, Encoding.UTF8, "application/yaml"), Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Api.PostAsync("/api/workflows/expense-approval/publish", null, Ct)).StatusCode);
        return host;
    }

    /// <summary>The input of an expense-approval run whose notify step calls this host (so it is quick and succeeds).</summary>
    public string ExpenseInput(int amount) => JsonSerializer.Serialize(new { amount, webhookUrl = new Uri(BaseAddress, "/api/health/live").ToString() });

    /// <summary>Starts an expense-approval run through the API: over 100 it waits for a manager.</summary>
    public async Task StartExpenseAsync(string instanceId, int amount)
    {
        var started = await Api.PostAsync($"/api/workflows/expense-approval/executions?instanceId={instanceId}", new StringContent(ExpenseInput(amount), Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
    }

    /// <summary>Polls the execution until <paramref name="condition"/> holds.</summary>
    public async Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition)
    {
        JsonElement status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                status = await Api.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct);
                return condition(status);
            },
            $"execution {id} reaches the expected state",
            TimeSpan.FromSeconds(60));
        return status;
    }

    /// <summary>Waits until the execution waits for input with a usable link (the link is made just after the wait
    /// opens); returns the link.</summary>
    public async Task<string> WaitForResumeLinkAsync(string id) => ResumeLink(await WaitForAsync(id, s => ResumeLink(s) is not null))!;

    private static string? ResumeLink(JsonElement status) => status.GetProperty("waitingFor").EnumerateArray()
        .Select(wait => wait.TryGetProperty("resumeUri", out var uri) ? uri.GetString() : null)
        .FirstOrDefault(uri => uri is not null);

    /// <summary>Opens a page of the dashboard in a context of its own. In the Development auth mode <paramref name="user"/>
    /// is already chosen (kept in the browser as the dashboard keeps it) unless it is null; behind App Service the
    /// browser is signed in unless <paramref name="signedIn"/> is false.</summary>
    public async Task<IPage> OpenAsync(IBrowser browser, string path = "/", string? user = User, bool admin = false, bool signedIn = true)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 860 },
            Locale = "en-GB",
            TimezoneId = "UTC",
            ExtraHTTPHeaders = _principal is not null && signedIn ? new Dictionary<string, string> { [PrincipalHeader] = _principal } : null,
        });
        _contexts.Add(context);
        if (user is not null && _principal is null)
        {
            await context.AddInitScriptAsync(
                $"localStorage.setItem('functionsflow.user', {JsonSerializer.Serialize(user)});" +
                (admin ? "localStorage.setItem('functionsflow.roles', 'admin');" : string.Empty));
        }

        var page = await context.NewPageAsync();
        page.PageError += (_, error) =>
        {
            lock (_scriptErrors)
            {
                _scriptErrors.Add(error);
            }
        };
        await page.GotoAsync(path);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        Api.Dispose();
        await _factory.DisposeAsync();
    }
}
