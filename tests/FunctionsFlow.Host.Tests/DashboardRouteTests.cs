using System.Net;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary>How the host serves the dashboard: its files to anyone (they hold no data), the page for every page path,
/// and nothing of it under <c>/api</c>, whose unknown routes keep their problem details.</summary>
public sealed class DashboardRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _anonymous = _host.CreateClientFor(null);
        _alice = _host.CreateClientFor("alice");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/executions/order.42")]
    [InlineData("/workflows/expense-approval")]
    [InlineData("/templates")]
    [InlineData("/schedules/nightly")]
    [InlineData("/health")]
    public async Task APagePath_ServesTheDashboardPage_WithoutACaller(string path)
    {
        var response = await _anonymous.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<script type=\"module\" src=\"/assets/app.js\"></script>", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("/assets/app.js", "text/javascript")]
    [InlineData("/assets/views/execution.js", "text/javascript")]
    [InlineData("/assets/dashboard.css", "text/css")]
    [InlineData("/assets/icon.svg", "image/svg+xml")]
    public async Task Assets_AreServedWithTheirMediaTypes_AndRevalidated(string path, string mediaType)
    {
        var response = await _anonymous.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task UnknownApiRoutes_KeepTheirProblemDetails_NeverThePage()
    {
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/nothing-here", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/API/nothing-here", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync("/api/me", Ct), HttpStatusCode.MethodNotAllowed);
        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync("/api/nothing-here", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AMissingAsset_IsNotThePage()
    {
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/assets/missing.js", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APagePath_AnswersOnlyGetAndHead_AndOtherPathsAreNotPages()
    {
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/executions"), Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/executions", null, Ct), HttpStatusCode.MethodNotAllowed);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/no-such-page", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/heartbeat", null, Ct), HttpStatusCode.NotFound);
    }
}
