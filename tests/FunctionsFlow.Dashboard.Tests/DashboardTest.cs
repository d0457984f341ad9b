using FunctionsFlow.Testing;
using Microsoft.Playwright;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>A browser test with a host of its own: started before each test (with the expense-approval sample
/// published), stopped after it.</summary>
public abstract class DashboardTest(AzuriteFixture azurite, BrowserFixture browser) : IAsyncLifetime
{
    protected DashboardHost Host { get; private set; } = null!;

    protected IBrowser Browser => browser.Browser;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The App Service principal to run the host behind (base64 JSON), or null for the Development auth mode.</summary>
    protected virtual string? AppServicePrincipal => null;

    public virtual async ValueTask InitializeAsync() => Host = await DashboardHost.StartAsync(azurite, AppServicePrincipal);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
