using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

public sealed class OpenApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheDocument_DescribesEveryRouteGroup_AndNeedsACaller()
    {
        var document = await _host.CreateClientFor("alice").GetFromJsonAsync<JsonElement>("/api/openapi.json", Ct);

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("FunctionsFlow", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
        {
            "/api/workflows/{workflowId}/executions", "/api/executions/{id}", "/api/executions/{id}/checkpoints",
            "/api/executions/{id}/restart", "/api/resume/{key}", "/api/variables/global", "/api/sessions", "/api/me/settings",
        })
        {
            Assert.Contains(expected, paths);
        }

        Assert.DoesNotContain("/api/openapi.json", paths);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _host.CreateClientFor(null).GetAsync("/api/openapi.json", Ct)).StatusCode);
    }
}
