using System.Text;
using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The dashboard behind App Service authentication, as in Azure: the front end names the signed-in caller on
/// every request (X-MS-CLIENT-PRINCIPAL), the page sends no caller of its own, and a signed-out browser is sent to sign in.</summary>
public sealed class AppServiceTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    private const string ObjectId = "6a1f0e2d-0000-4000-8000-00000000a11c";

    protected override string? AppServicePrincipal { get; } = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""
        {"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[
          {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"{{ObjectId}}"},{"typ":"name","val":"Alice"}]}
        """));

    [Fact]
    public async Task ASignedInBrowser_IsTheCaller_WithoutTheDevelopmentHeader()
    {
        await Host.StartExpenseAsync("expense-azure", 300);
        await Host.WaitForResumeLinkAsync("expense-azure");
        var page = await Host.OpenAsync(Browser);
        var sentDevelopmentHeader = false;
        page.Request += (_, request) => sentDevelopmentHeader |= request.Headers.ContainsKey("x-functionsflow-user");

        await Expect(page.Locator("#caller .who")).ToHaveTextAsync(ObjectId);
        await Expect(page.Locator("#caller a")).ToHaveAttributeAsync("href", "/.auth/logout?post_logout_redirect_uri=/");
        await Expect(page.Locator("#caller input[name=user]")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "expense-azure" }).ClickAsync();
        var wait = page.Locator("article.wait-card[data-step=approval]");
        await wait.GetByLabel("approved").SelectOptionAsync(new SelectOptionValue { Label = "true" });
        await wait.GetByRole(AriaRole.Button, new() { Name = "Resume with this input" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Completed");

        Assert.False(sentDevelopmentHeader);
        Assert.Empty(Host.ScriptErrors);
    }

    [Fact]
    public async Task ASignedOutBrowser_IsOfferedTheSignIn()
    {
        var page = await Host.OpenAsync(Browser, "/executions/anything", signedIn: false);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Microsoft Entra ID" }))
            .ToHaveAttributeAsync("href", "/.auth/login/aad?post_login_redirect_uri=%2Fexecutions%2Fanything");
        Assert.Empty(Host.ScriptErrors);
    }
}
