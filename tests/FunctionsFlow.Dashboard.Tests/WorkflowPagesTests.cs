using System.Net;
using System.Text;
using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>Workflows, templates and schedules pages, each used once the way a person would.</summary>
public sealed class WorkflowPagesTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    [Fact]
    public async Task ANewWorkflow_IsCheckedByTheHost_SavedPublishedAndStartedFromItsSchemaForm()
    {
        var page = await Host.OpenAsync(Browser, "/workflows");
        await Expect(page.Locator("tr[data-id=expense-approval]")).ToContainTextAsync("Published");

        // A definition with a mistake: the host's 400 names it by path, nothing is saved.
        await page.GetByText("Write a definition").ClickAsync();
        await page.Locator("input[name=workflowId]").FillAsync("greet");
        await page.Locator("textarea[name=definition]").FillAsync("""{"id": "greet", "name": "Greet", "steps": [{"id": "done", "retrun": 1}]}""");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("#new-workflow .field-errors")).ToContainTextAsync("$.steps[0]");

        const string Definition = """
            {"id": "greet", "name": "Greet",
             "input": {"schema": {"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "times": {"type": "integer"}}}},
             "steps": [{"id": "done", "return": {"greeting": "Hello ${ input.name }"}}]}
            """;
        await page.Locator("textarea[name=definition]").FillAsync(Definition);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Draft");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Published");

        // A JSON definition's input schema becomes the start form.
        var start = page.Locator("#start");
        await start.GetByLabel("name").FillAsync("Ann");
        await start.GetByRole(AriaRole.Button, new() { Name = "Start v1" }).ClickAsync();
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#output .json")).ToContainTextAsync("Hello Ann");
        Assert.Empty(Host.ScriptErrors);
    }

    [Fact]
    public async Task AWorkflowSavedAsAPublicTemplate_IsListed_AndANewDraftIsMadeFromIt()
    {
        var page = await Host.OpenAsync(Browser, "/workflows/expense-approval");
        await page.GetByText("Save this workflow as a template").ClickAsync();
        await page.Locator("input[name=templateName]").FillAsync("Expense approval");
        await page.Locator("input[name=category]").FillAsync("approvals");
        await page.Locator("input[name=tags]").FillAsync("finance, manager");
        await page.GetByLabel("Public (every user sees it)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as template" }).ClickAsync();
        await Expect(page.Locator("#template")).ToContainTextAsync("Saved as a template.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Templates" }).First.ClickAsync();
        var card = page.Locator("article.template").Filter(new() { HasText = "Expense approval" });
        await Expect(card).ToContainTextAsync("approvals");
        await Expect(card.Locator(".tag")).ToHaveTextAsync(["finance", "manager"]);
        await card.Locator("input[name=workflowId]").FillAsync("expense-copy");
        await card.GetByRole(AriaRole.Button, new() { Name = "Use" }).ClickAsync();

        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Draft");
        await Expect(page.Locator(".facts")).ToContainTextAsync("expense-copy");
        Assert.Empty(Host.ScriptErrors);
    }

    [Fact]
    public async Task Schedules_ShowTheirNextRun_PauseAndResume_AndTheirRecentRuns()
    {
        var created = await Host.Api.PostAsync("/api/schedules", new StringContent(
            """{"id": "hourly", "workflowId": "expense-approval", "input": {"amount": 10}, "interval": {"every": "PT1H"}}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var page = await Host.OpenAsync(Browser, "/schedules");
        var row = page.Locator("tr[data-id=hourly]");
        await Expect(row).ToContainTextAsync("every PT1H");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Active");
        await Expect(row).ToContainTextAsync("in ");

        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Paused");
        await row.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Active");

        await row.GetByRole(AriaRole.Link, new() { Name = "hourly" }).ClickAsync();
        await Expect(page.Locator(".facts")).ToContainTextAsync("Skip");
        await Expect(page.Locator("#recent-runs")).ToBeVisibleAsync();
        Assert.Empty(Host.ScriptErrors);
    }
}
