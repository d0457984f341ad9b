using System.Net;
using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The acceptance path in a real browser: sign in, start the expense-approval sample from its page, see
/// it wait, send the resume form generated from the wait's schema (first wrong, then right), and see it complete.</summary>
public sealed class ResumeFormTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    [Fact]
    public async Task ExpenseApproval_StartedFromTheDashboard_WaitsAndTheGeneratedFormResumesItToCompletion()
    {
        // No caller yet: the page asks who to act as (the Development auth mode's header).
        var page = await Host.OpenAsync(Browser, "/", user: null);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.Locator("main").GetByLabel("User id").FillAsync(DashboardHost.User);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Executions" })).ToBeVisibleAsync();

        // Start the sample from its workflow page, with an instance id of our choosing.
        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "expense-approval" }).ClickAsync();
        await page.Locator("textarea[name=input]").FillAsync(Host.ExpenseInput(250));
        await page.Locator("input[name=instanceId]").FillAsync("expense-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start v1" }).ClickAsync();

        // Its page: running, and waiting for the manager with a form built from {approved: boolean, required}.
        await Expect(page).ToHaveURLAsync(new Uri(Host.BaseAddress, "/executions/expense-1").ToString());
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Waiting for input");
        var wait = page.Locator("article.wait-card[data-step=approval]");
        await Expect(wait.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Waiting for manager-approval");
        var approved = wait.GetByLabel("approved");
        await Expect(approved).ToHaveAttributeAsync("aria-required", "true");

        // Sent without a value: the host answers 400, the link still works, the error sits on the field.
        await wait.GetByRole(AriaRole.Button, new() { Name = "Resume with this input" }).ClickAsync();
        await Expect(wait.Locator(".wait-result")).ToContainTextAsync("400 Rejected");
        await Expect(wait.Locator("[data-path='$.approved'] .field-error")).ToHaveTextAsync("is required");

        await approved.SelectOptionAsync(new SelectOptionValue { Label = "true" });
        await wait.GetByRole(AriaRole.Button, new() { Name = "Resume with this input" }).ClickAsync();
        await Expect(wait.Locator(".wait-result")).ToContainTextAsync("202 Accepted");

        // Live refresh shows the end: completed, approved, and the steps that ran after the wait.
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#output .json")).ToContainTextAsync("\"approved\": true");
        await Expect(page.Locator(".tl-step[data-step=approval]")).ToHaveAttributeAsync("data-status", "Succeeded");
        await Expect(page.Locator(".tl-step[data-step=done]")).ToHaveAttributeAsync("data-status", "Succeeded");
        await Expect(page.Locator("#variables [data-variable=approved]")).ToContainTextAsync("true");
        await Expect(page.Locator("#checkpoints [data-checkpoint='0001-approval']")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Executions" }).First.ClickAsync();
        await Expect(page.Locator("tr[data-id=expense-1] .badge")).ToHaveTextAsync("Completed");
        Assert.Empty(Host.ScriptErrors);
    }

    [Fact]
    public async Task AResumeLinkRevokedWhileTheFormIsOpen_Answers410_AndTheOwnerStillResumesFromThePage()
    {
        await Host.StartExpenseAsync("expense-2", 500);
        await Host.WaitForResumeLinkAsync("expense-2");
        var page = await Host.OpenAsync(Browser, "/executions/expense-2");
        var wait = page.Locator("article.wait-card[data-step=approval]").First;
        await Expect(wait.Locator(".resume-link")).ToBeVisibleAsync();

        // Hold the page still (live refresh off), then withdraw the link behind its back.
        await page.GetByLabel("Live refresh").UncheckAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await Host.Api.PostAsync("/api/executions/expense-2/waits/approval/revoke", null, Ct)).StatusCode);

        await wait.GetByLabel("approved").SelectOptionAsync(new SelectOptionValue { Label = "false" });
        await wait.GetByRole(AriaRole.Button, new() { Name = "Resume with this input" }).ClickAsync();
        await Expect(wait.Locator(".wait-result")).ToContainTextAsync("410 Gone: This resume link was revoked.");
        await Expect(wait.GetByRole(AriaRole.Button, new() { Name = "Resume with this input" })).ToBeDisabledAsync();

        // The execution still waits, now without a usable link: its owner resumes it from the page by raising the event.
        await page.GetByLabel("Live refresh").CheckAsync();
        var owner = page.Locator("article.wait-card[data-step=approval]").Nth(1);
        await Expect(owner.Locator(".notice-warn")).ToContainTextAsync("No usable link");
        await owner.GetByLabel("approved").SelectOptionAsync(new SelectOptionValue { Label = "false" });
        await owner.GetByRole(AriaRole.Button, new() { Name = "Resume as the owner" }).ClickAsync();
        await Expect(owner.Locator(".wait-result")).ToContainTextAsync("202 Accepted");
        await Expect(page.Locator("h1 .badge")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("#output .json")).ToContainTextAsync("\"approved\": false");
        Assert.Empty(Host.ScriptErrors);
    }
}
