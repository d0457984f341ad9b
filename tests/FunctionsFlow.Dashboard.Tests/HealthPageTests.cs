using System.Text.Json;
using FunctionsFlow.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FunctionsFlow.Dashboard.Tests;

/// <summary>The health page against the contract of <c>GET /api/health</c> and <c>POST|DELETE /api/admin/emergency</c>
/// (../shared/API.md). The answers are the browser's stand-ins, so the page is checked whether or not this host has
/// those routes yet: a 404 reads as "not available".</summary>
public sealed class HealthPageTests(AzuriteFixture azurite, BrowserFixture browser) : DashboardTest(azurite, browser)
{
    private const string Report = """
        {
          "status": "Degraded",
          "lastHeartbeat": "2026-01-15T09:00:00Z",
          "emergency": {"active": false, "reason": null, "since": null, "by": null},
          "counts": {"pending": 1, "running": 4, "suspended": 2, "waitingForInput": 3, "completed24h": 120, "failed24h": 7},
          "countsComplete": true,
          "averageDurationMs": 2500,
          "alerts": [{"level": "warning", "category": "failures", "message": "7 of 127 executions failed in 24 h."}]
        }
        """;

    [Fact]
    public async Task AHostWithoutHealthRoutes_IsSaidToLackThem()
    {
        var page = await OpenAsync(admin: true, health: route => route.FulfillAsync(Problem(404)), emergency: route => route.FulfillAsync(Problem(404)));

        await Expect(page.Locator("main")).ToContainTextAsync("The host answers.");
        await Expect(page.Locator("main")).ToContainTextAsync("Health is not available on this host.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop everything" }).ClickAsync();
        await Expect(page.Locator("#emergency")).ToContainTextAsync("The emergency switch is not available on this host.");
        Assert.Empty(Host.ScriptErrors);
    }

    [Fact]
    public async Task TheReport_ShowsStatusCountsAndAlerts_AndAnAdminTurnsTheEmergencySwitchOnWithAReason()
    {
        string? sent = null;
        var page = await OpenAsync(
            admin: true,
            health: route => route.FulfillAsync(Json(200, Report)),
            emergency: async route =>
            {
                sent = route.Request.Method + " " + route.Request.PostData;
                await route.FulfillAsync(Json(200, """{"active": true}"""));
            });

        await Expect(page.Locator("#health-status .badge")).ToHaveTextAsync("Degraded");
        await Expect(page.Locator("[data-count=waitingForInput] .count-value")).ToHaveTextAsync("3");
        await Expect(page.Locator("[data-count=failed24h] .count-value")).ToHaveTextAsync("7");
        await Expect(page.Locator("#health-status")).ToContainTextAsync("2.5 s");
        await Expect(page.Locator("#alerts")).ToContainTextAsync("7 of 127 executions failed in 24 h.");
        await Expect(page.Locator("#emergency")).ToContainTextAsync("Emergency mode is off.");

        await page.GetByLabel("Reason").Last.FillAsync("storage incident");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop everything" }).ClickAsync();
        await Expect(page.Locator("#emergency")).ToContainTextAsync("Emergency mode is on.");
        Assert.Equal("POST " + JsonSerializer.Serialize(new { reason = "storage incident" }), sent);
        Assert.Empty(Host.ScriptErrors);
    }

    [Fact]
    public async Task AnActiveEmergency_IsShown_AndOnlyAnAdminMayLiftIt()
    {
        var active = Report.Replace("\"active\": false, \"reason\": null, \"since\": null, \"by\": null", "\"active\": true, \"reason\": \"storage incident\", \"since\": \"2026-01-15T08:30:00Z\", \"by\": \"ops\"", StringComparison.Ordinal);
        var page = await OpenAsync(admin: false, health: route => route.FulfillAsync(Json(200, active)), emergency: route => route.FulfillAsync(Problem(403)));

        await Expect(page.Locator("#emergency")).ToContainTextAsync("Emergency mode is ON");
        await Expect(page.Locator("#emergency")).ToContainTextAsync("Reason: storage incident.");
        await Expect(page.Locator("#emergency")).ToContainTextAsync("set by ops.");
        await Expect(page.Locator("#emergency")).ToContainTextAsync("Only callers with the admin role may switch it.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Lift emergency mode" })).ToBeDisabledAsync();
        Assert.Empty(Host.ScriptErrors);
    }

    private async Task<IPage> OpenAsync(bool admin, Func<IRoute, Task> health, Func<IRoute, Task> emergency)
    {
        var page = await Host.OpenAsync(Browser, "/", admin: admin);
        await page.RouteAsync("**/api/health", health);
        await page.RouteAsync("**/api/admin/emergency", emergency);
        await page.GetByRole(AriaRole.Link, new() { Name = "Health" }).ClickAsync();
        return page;
    }

    private static RouteFulfillOptions Json(int status, string body) => new() { Status = status, ContentType = "application/json", Body = body };

    private static RouteFulfillOptions Problem(int status) => new()
    {
        Status = status,
        ContentType = "application/problem+json",
        Body = JsonSerializer.Serialize(new { title = status == 404 ? "Not Found" : "Forbidden", status }),
    };
}
