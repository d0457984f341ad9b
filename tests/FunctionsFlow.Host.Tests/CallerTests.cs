using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

public sealed class CallerTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HealthLive_WithoutCaller_Returns200()
    {
        await using var host = new HostFactory(azurite);
        var response = await host.CreateClient().GetAsync("/api/health/live", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Alive", body.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Me_WithoutUserHeader_Returns401ProblemDetails()
    {
        await using var host = new HostFactory(azurite);
        var response = await host.CreateClient().GetAsync("/api/me", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("caller", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Me_WithUserAndRoles_ReturnsTheCaller()
    {
        await using var host = new HostFactory(azurite);
        var body = await host.CreateClientFor("alice@example.com", "admin, ops").GetFromJsonAsync<JsonElement>("/api/me", Ct);

        Assert.Equal("alice@example.com", body.GetProperty("userId").GetString());
        Assert.Equal<string>(["admin", "ops"], body.GetProperty("roles").EnumerateArray().Select(r => r.GetString() ?? string.Empty).ToList());
        Assert.True(body.GetProperty("isAdmin").GetBoolean());
    }

    [Theory]
    [InlineData("bob smith")]
    [InlineData("../etc")]
    [InlineData("x\u00e9")]
    public async Task Me_WithMalformedUserHeader_Returns401NamingTheHeader(string user)
    {
        await using var host = new HostFactory(azurite);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.TryAddWithoutValidation("X-FunctionsFlow-User", user);
        var response = await host.CreateClient().SendAsync(request, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-FunctionsFlow-User", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentHeader_OutsideTheDevelopmentEnvironment_IsIgnored()
    {
        await using var host = new HostFactory(azurite, environment: "Production");
        var response = await host.CreateClientFor("alice").GetAsync("/api/me", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AppServiceMode_WithPrincipalHeader_UsesTheObjectId()
    {
        await using var host = new HostFactory(azurite, "Production", new Dictionary<string, string?> { ["FunctionsFlow:Auth:Mode"] = "AppService" });
        var principal = """
            {"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[
              {"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"0f9c6d3e-1111-2222-3333-444455556666"},
              {"typ":"name","val":"Alice"},{"typ":"roles","val":"admin"}]}
            """;
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));

        var body = await client.GetFromJsonAsync<JsonElement>("/api/me", Ct);

        Assert.Equal("0f9c6d3e-1111-2222-3333-444455556666", body.GetProperty("userId").GetString());
        Assert.True(body.GetProperty("isAdmin").GetBoolean());
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("eyJjbGFpbXMiOltdfQ==")] // {"claims":[]}: no user id claim
    public async Task AppServiceMode_WithBadPrincipal_Returns401(string header)
    {
        await using var host = new HostFactory(azurite, "Production", new Dictionary<string, string?> { ["FunctionsFlow:Auth:Mode"] = "AppService" });
        var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("X-MS-CLIENT-PRINCIPAL", header);

        var response = await client.GetAsync("/api/me", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AppServiceMode_IgnoresTheDevelopmentHeader()
    {
        await using var host = new HostFactory(azurite, "Development", new Dictionary<string, string?> { ["FunctionsFlow:Auth:Mode"] = "AppService" });
        var response = await host.CreateClientFor("alice").GetAsync("/api/me", Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownRoute_Returns404ProblemDetails()
    {
        await using var host = new HostFactory(azurite);
        var response = await host.CreateClientFor("alice").GetAsync("/api/no-such-thing", Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("/api/no-such-thing", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
