using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Host.Security.ApiKeys;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Host.Tests;

/// <summary>The <c>ApiKey</c> auth mode and <c>/api/admin/apikeys</c>, through the host on Azurite.</summary>
public sealed class ApiKeyTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> ApiKeyMode = new() { ["FunctionsFlow:Auth:Mode"] = "ApiKey" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAdminMakesAKey_ItAuthenticatesAsItsUser_UntilRevoked()
    {
        await using var host = new HostFactory(azurite, "Production", ApiKeyMode);
        using var admin = WithKey(host, await BootstrapAdminKeyAsync(host));

        var created = await admin.PostAsync("/api/admin/apikeys", Json("""{"userId":"alice","roles":["ops"],"name":"CI deploys"}"""), Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;
        var key = body.GetProperty("key").GetString()!;
        Assert.Equal($"/api/admin/apikeys/{id}", created.Headers.Location!.ToString());
        Assert.StartsWith($"ffk_{id}_", key, StringComparison.Ordinal);
        Assert.Equal("Active", body.GetProperty("status").GetString());
        Assert.Equal("ops", body.GetProperty("createdBy").GetString());

        using var alice = WithKey(host, key);
        var me = await alice.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal("alice", me.GetProperty("userId").GetString());
        Assert.Equal(["ops"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("ApiKey", me.GetProperty("authMode").GetString());
        Assert.Equal(id, me.GetProperty("apiKeyId").GetString());
        await ProblemAssert.IsProblemAsync(await alice.GetAsync("/api/admin/apikeys", Ct), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/apikeys/{id}", Ct)).StatusCode);
        var refused = await alice.GetAsync("/api/me", Ct);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/apikeys/{id}", Ct)).StatusCode);
        Assert.Equal("Revoked", (await admin.GetFromJsonAsync<JsonElement>($"/api/admin/apikeys/{id}", Ct)).GetProperty("status").GetString());
        await ProblemAssert.IsProblemAsync(await admin.DeleteAsync("/api/admin/apikeys/aaaaaaaaaaaa", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await admin.GetAsync("/api/admin/apikeys/not-an-id", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheList_ShowsMetadataOnly_AndNoKeyIsStoredOrLogged()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = new HostFactory(azurite, "Production", ApiKeyMode, services: s => s.AddSingleton<ILoggerProvider>(logs));
        var adminKey = await BootstrapAdminKeyAsync(host);
        using var admin = WithKey(host, adminKey);
        var created = await (await admin.PostAsync("/api/admin/apikeys", Json("""{"userId":"bob"}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = created.GetProperty("key").GetString()!;
        using var bob = WithKey(host, key);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/me", Ct)).StatusCode);

        var list = await admin.GetStringAsync("/api/admin/apikeys", Ct);

        var items = JsonDocument.Parse(list).RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.False(item.TryGetProperty("key", out _) || item.TryGetProperty("hash", out _), item.ToString()));
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        var rows = azurite.CreateFactory().GetTableClient(host.TaskHub + "ApiKeys").QueryAllAsync(null, cancellationToken: Ct);
        await foreach (var row in rows)
        {
            Assert.All(row, column => Assert.DoesNotContain(key[^43..], column.Value.ToString() ?? string.Empty, StringComparison.Ordinal));
            Assert.DoesNotContain(adminKey[^43..], string.Join("|", row.Select(c => c.Value)), StringComparison.Ordinal);
        }

        Assert.Contains(logs.Messages, m => m.Contains(created.GetProperty("id").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(key[^43..], StringComparison.Ordinal) || m.Contains(adminKey[^43..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExpiredKey_Answers401_AndListsAsExpired()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new HostFactory(azurite, "Production", ApiKeyMode, clock: clock);
        using var admin = WithKey(host, await BootstrapAdminKeyAsync(host));
        var expiresAt = clock.GetUtcNow().AddHours(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var created = await (await admin.PostAsync("/api/admin/apikeys", Json($$"""{"userId":"carol","expiresAt":"{{expiresAt}}"}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        using var carol = WithKey(host, created.GetProperty("key").GetString()!);
        Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/api/me", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromHours(2));

        await ProblemAssert.IsProblemAsync(await carol.GetAsync("/api/me", Ct), HttpStatusCode.Unauthorized);
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/apikeys/{created.GetProperty("id").GetString()}", Ct);
        Assert.Equal("Expired", listed.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("Bearer nope")]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Bearer ffk_aaaaaaaaaaaa_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task MalformedOrUnknownKeys_Answer401(string header)
    {
        await using var host = new HostFactory(azurite, "Production", ApiKeyMode);
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/me", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AKeyWithTheRightIdButAnotherSecret_Answers401()
    {
        await using var host = new HostFactory(azurite, "Production", ApiKeyMode);
        var key = await BootstrapAdminKeyAsync(host);
        var forged = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');

        using var client = WithKey(host, forged);

        await ProblemAssert.IsProblemAsync(await client.GetAsync("/api/me", Ct), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await WithKey(host, key).GetAsync("/api/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_NamesEveryBadField_AndChecksTheBody()
    {
        await using var host = new HostFactory(azurite);
        using var admin = host.CreateClientFor("ops", "admin");

        var problem = await ProblemAssert.IsProblemAsync(
            await admin.PostAsync("/api/admin/apikeys", Json("""{"userId":"bad user","roles":["ok","bad role"],"name":"","expiresAt":"2000-01-01T00:00:00Z","scope":"all"}"""), Ct),
            HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["$.expiresAt", "$.name", "$.roles[1]", "$.scope", "$.userId"], errors);
        var missing = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/apikeys", Json("{}"), Ct), HttpStatusCode.BadRequest);
        Assert.True(missing.GetProperty("errors").TryGetProperty("$.userId", out _));
        var noOffset = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/apikeys", Json("""{"userId":"a","expiresAt":"2099-01-01T00:00:00"}"""), Ct), HttpStatusCode.BadRequest);
        Assert.True(noOffset.GetProperty("errors").TryGetProperty("$.expiresAt", out _));
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/apikeys", new StringContent("userId=a", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/apikeys", Json($$"""{"userId":"a","name":"{{new string('x', 20_000)}}"}"""), Ct), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/apikeys", Json("[1]"), Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheAdminRoutes_NeedTheAdminRole_InEveryMode()
    {
        await using var host = new HostFactory(azurite);
        using var alice = host.CreateClientFor("alice");

        await ProblemAssert.IsProblemAsync(await alice.PostAsync("/api/admin/apikeys", Json("""{"userId":"alice","roles":["admin"]}"""), Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await alice.GetAsync("/api/admin/apikeys", Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await alice.DeleteAsync("/api/admin/apikeys/aaaaaaaaaaaa", Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await host.CreateClient().GetAsync("/api/admin/apikeys", Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheCommand_MakesAKeyTheHostAccepts()
    {
        await using var host = new HostFactory(azurite, "Production", ApiKeyMode);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await ApiKeyCommand.RunAsync(
            ["apikeys", "create", "--user", "ops", "--roles", "admin", "--name", "first admin", $"--AzureWebJobsStorage={azurite.ConnectionString}", $"--FunctionsFlow:TaskHub={host.TaskHub}"],
            output,
            error);

        Assert.Equal(0, exit);
        using var ops = WithKey(host, output.ToString().Trim());
        var me = await ops.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        Assert.Equal("ops", me.GetProperty("userId").GetString());
        Assert.True(me.GetProperty("isAdmin").GetBoolean());
        Assert.Equal(2, await ApiKeyCommand.RunAsync(["apikeys", "create", "--roles", "admin"], output, error));
    }

    /// <summary>The first admin key, made in storage as the command does.</summary>
    private static async Task<string> BootstrapAdminKeyAsync(HostFactory host)
    {
        var store = host.Services.GetRequiredService<ApiKeyStore>();
        await store.CreateIfNotExistsAsync(Ct);
        var (_, key) = await store.CreateAsync("ops", ["admin"], "bootstrap", null, "test", Ct);
        return key;
    }

    private static HttpClient WithKey(HostFactory host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
