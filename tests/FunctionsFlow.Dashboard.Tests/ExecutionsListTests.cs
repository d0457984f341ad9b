using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The executions list: it picks up new executions by itself, and its filters narrow it and stay in the address.</summary>
public sealed class ExecutionsListTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    [Fact]
    public async Task TheList_ShowsNewExecutionsLive_AndFiltersByStatusAndWaiting()
    {
        var page = await Host.OpenAsync(Browser);
        await Expect(page.Locator("tbody .empty")).ToHaveTextAsync("No executions match these filters.");

        // Started behind the page's back: the list shows them without a reload.
        await Host.StartExpenseAsync("small-1", 40);
        await Host.StartExpenseAsync("large-1", 400);
        await Expect(page.Locator("tr[data-id=small-1] .badge")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("tr[data-id=large-1] .badge")).ToHaveTextAsync("Waiting for input");
        await Expect(page.Locator("tr[data-id=large-1]")).ToContainTextAsync("manager-approval");

        await page.GetByLabel("Waiting for input").CheckAsync();
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-id", "large-1");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]waiting=1"));

        await page.GetByLabel("Waiting for input").UncheckAsync();
        await page.GetByLabel("Status").SelectOptionAsync("Completed");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-id", "small-1");

        // The filters are in the address: a reload shows the same list.
        await page.ReloadAsync();
        await Expect(page.GetByLabel("Status")).ToHaveValueAsync("Completed");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear" }).ClickAsync();
        await page.GetByLabel("Id prefix").FillAsync("large");
        await page.GetByLabel("Id prefix").PressAsync("Enter");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("tbody tr").First).ToHaveAttributeAsync("data-id", "large-1");
        Assert.Empty(Host.ScriptErrors);
    }
}
