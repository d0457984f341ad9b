using System.Net;
using System.Text;
using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The README's pictures, taken from a real run: the executions list and an execution's timeline.</summary>
/// <remarks>With <see cref="FolderVariable"/> set (a folder, relative to the repository root: <c>docs</c>) they are written
/// there as <c>dashboard-executions.png</c> and <c>dashboard-timeline.png</c>; otherwise to a temporary folder, so the
/// way they are taken is checked on every run.</remarks>
public sealed class ScreenshotTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    public const string FolderVariable = "FUNCTIONSFLOW_SCREENSHOTS";

    [Fact]
    public async Task TheExecutionsListAndATimeline_AreCaptured()
    {
        var kept = Environment.GetEnvironmentVariable(FolderVariable);
        var folder = string.IsNullOrWhiteSpace(kept)
            ? Directory.CreateTempSubdirectory("functionsflow-screenshots-").FullName
            : Path.GetFullPath(kept, RepositoryPaths.Root);
        Directory.CreateDirectory(folder);

        // A few executions in the states a person meets: approved at once, waiting, approved by a manager, code-first.
        await Host.StartExpenseAsync("expense-1041", 40);
        await Host.StartExpenseAsync("expense-1042", 250);
        await Host.StartExpenseAsync("expense-1043", 1200);
        Assert.Equal(HttpStatusCode.Accepted, (await Host.Api.PostAsync("/api/orchestrators/HelloCities/hello-cities", null, Ct)).StatusCode);
        var link = await Host.WaitForResumeLinkAsync("expense-1043");
        using (var anonymous = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsync(link, new StringContent("""{"approved":true}""", Encoding.UTF8, "application/json"), Ct)).StatusCode);
        }

        await Host.WaitForAsync("expense-1043", s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        await Host.WaitForResumeLinkAsync("expense-1042");

        var page = await Host.OpenAsync(Browser);
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("tr[data-id=hello-cities] .badge")).ToHaveTextAsync("Completed");
        await Expect(page.Locator("tr[data-id=expense-1042] .badge")).ToHaveTextAsync("Waiting for input");
        var list = Path.Combine(folder, "dashboard-executions.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = list });

        await page.GetByRole(AriaRole.Link, new() { Name = "expense-1043" }).ClickAsync();
        await Expect(page.Locator(".tl-step[data-step=done]")).ToHaveAttributeAsync("data-status", "Succeeded");
        await Expect(page.Locator("#checkpoints [data-checkpoint]")).ToHaveCountAsync(1);
        var timeline = Path.Combine(folder, "dashboard-timeline.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = timeline, FullPage = true });

        foreach (var file in new[] { list, timeline })
        {
            var bytes = await File.ReadAllBytesAsync(file, Ct);
            Assert.True(bytes.Length > 10_000, $"{file} is {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }

        if (string.IsNullOrWhiteSpace(kept))
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Empty(Host.ScriptErrors);
    }
}
