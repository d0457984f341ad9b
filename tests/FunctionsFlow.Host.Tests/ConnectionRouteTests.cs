using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary><c>/api/connections</c> through the real host on Azurite (local encrypted store): metadata in, metadata out,
/// secrets never; owner only; every bad field named.</summary>
public sealed class ConnectionRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private HostFactory _host = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite, clock: _clock);
        _alice = _host.CreateClientFor("alice");
        _bob = _host.CreateClientFor("bob");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Put_EachType_AnswersMetadataOnly_AndGetAndListShowTheSame()
    {
        var bodies = new Dictionary<string, string>
        {
            ["crm"] = """{"type":"oauth2","accessToken":"AT-secret-1","refreshToken":"RT-secret-2","clientSecret":"CS-secret-3","tokenEndpoint":"https://login.example.com/token","clientId":"ff-app","scopes":["orders.read"],"expiresAt":"2026-05-01T09:00:00Z"}""",
            ["billing"] = """{"type":"apiKey","apiKey":"AK-secret-4","header":"X-Billing-Key","expiresAt":"2027-01-01T00:00:00Z"}""",
            ["ledger"] = """{"type":"basic","username":"svc-ledger","password":"PW-secret-5"}""",
            ["slack"] = """{"type":"webhook","url":"https://hooks.example.com/services/WH-secret-6"}""",
        };
        var answers = new List<string>();
        foreach (var (name, body) in bodies)
        {
            var put = await _alice.PutAsync($"/api/connections/{name}", Json(body), Ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            answers.Add(await put.Content.ReadAsStringAsync(Ct));
        }

        var crm = JsonDocument.Parse(answers[0]).RootElement;
        Assert.Equal(("crm", "oauth2", "Active", "https://login.example.com/token", "ff-app"),
            (crm.GetProperty("name").GetString(), crm.GetProperty("type").GetString(), crm.GetProperty("status").GetString(), crm.GetProperty("tokenEndpoint").GetString(), crm.GetProperty("clientId").GetString()));
        Assert.Equal(["orders.read"], crm.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero), crm.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, crm.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal("X-Billing-Key", JsonDocument.Parse(answers[1]).RootElement.GetProperty("header").GetString());

        var list = await _alice.GetFromJsonAsync<JsonElement>("/api/connections", Ct);
        Assert.Equal(["billing", "crm", "ledger", "slack"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        var one = await _alice.GetFromJsonAsync<JsonElement>("/api/connections/slack", Ct);
        Assert.Equal(("webhook", "Active"), (one.GetProperty("type").GetString(), one.GetProperty("status").GetString()));
        Assert.Equal(
            ["name", "type", "scopes", "expiresAt", "lastUsedAt", "status", "createdAt", "updatedAt"],
            one.EnumerateObject().Select(p => p.Name));

        var everything = string.Join('\n', answers) + list + one + await azurite.CreateFactory().EverythingStoredAsync(_host.TaskHub, Ct);
        foreach (var secret in new[] { "AT-secret-1", "RT-secret-2", "CS-secret-3", "AK-secret-4", "PW-secret-5", "WH-secret-6" })
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnotherUsersConnection_Answers404_AndDeleteIsTheOwnersAlone()
    {
        Assert.Equal(HttpStatusCode.OK, (await _alice.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"AK-1"}"""), Ct)).StatusCode);

        await ProblemAssert.IsProblemAsync(await _bob.GetAsync("/api/connections/billing", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.DeleteAsync("/api/connections/billing", Ct), HttpStatusCode.NotFound);
        Assert.Empty((await _bob.GetFromJsonAsync<JsonElement>("/api/connections", Ct)).GetProperty("items").EnumerateArray());
        await ProblemAssert.IsProblemAsync(await _host.CreateClientFor(null).GetAsync("/api/connections", Ct), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.NoContent, (await _alice.DeleteAsync("/api/connections/billing", Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/connections/billing", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync("/api/connections/billing", Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await _alice.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"AK-2"}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task PutAgain_Replaces_AndAnExpiredKeyShowsExpired()
    {
        await _alice.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"AK-1","header":"X-One"}"""), Ct);
        var replaced = await (await _alice.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"AK-2","expiresAt":"2026-05-01T08:30:00Z"}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("X-Api-Key", replaced.GetProperty("header").GetString());

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal("Expired", (await _alice.GetFromJsonAsync<JsonElement>("/api/connections/billing", Ct)).GetProperty("status").GetString());
    }

    /// <summary>A name, a body, the status expected, and the member of <c>errors</c> it must name (or null).</summary>
    public static TheoryData<string, string, HttpStatusCode, string?> BadPuts { get; } = new()
    {
        { "1bad", """{"type":"apiKey","apiKey":"k"}""", HttpStatusCode.BadRequest, "name" },
        { "has.dot", """{"type":"apiKey","apiKey":"k"}""", HttpStatusCode.BadRequest, "name" },
        { new string('a', 65), """{"type":"apiKey","apiKey":"k"}""", HttpStatusCode.BadRequest, "name" },
        { "c", """{"apiKey":"k"}""", HttpStatusCode.BadRequest, "$.type" },
        { "c", """{"type":"kerberos"}""", HttpStatusCode.BadRequest, "$.type" },
        { "c", """{"type":"apiKey"}""", HttpStatusCode.BadRequest, "$.apiKey" },
        { "c", """{"type":"apiKey","apiKey":""}""", HttpStatusCode.BadRequest, "$.apiKey" },
        { "c", """{"type":"apiKey","apiKey":42}""", HttpStatusCode.BadRequest, "$.apiKey" },
        { "c", """{"type":"apiKey","apiKey":"k","refreshToken":"r"}""", HttpStatusCode.BadRequest, "$.refreshToken" },
        { "c", """{"type":"apiKey","apiKey":"k","header":"Host"}""", HttpStatusCode.BadRequest, "$.header" },
        { "c", """{"type":"apiKey","apiKey":"k","header":"bad header"}""", HttpStatusCode.BadRequest, "$.header" },
        { "c", """{"type":"apiKey","apiKey":"k","expiresAt":"2026-04-30T00:00:00Z"}""", HttpStatusCode.BadRequest, "$.expiresAt" },
        { "c", """{"type":"apiKey","apiKey":"k","expiresAt":"tomorrow"}""", HttpStatusCode.BadRequest, "$.expiresAt" },
        { "c", """{"type":"basic","username":"u"}""", HttpStatusCode.BadRequest, "$.password" },
        { "c", """{"type":"basic","username":"u:v","password":"p"}""", HttpStatusCode.BadRequest, "$.username" },
        { "c", """{"type":"webhook","url":"http://hooks.example.com/x"}""", HttpStatusCode.BadRequest, "$.url" },
        { "c", """{"type":"webhook","url":"https://user:pw@hooks.example.com/x"}""", HttpStatusCode.BadRequest, "$.url" },
        { "c", """{"type":"oauth2"}""", HttpStatusCode.BadRequest, "$.accessToken" },
        { "c", """{"type":"oauth2","refreshToken":"r"}""", HttpStatusCode.BadRequest, "$.tokenEndpoint" },
        { "c", """{"type":"oauth2","refreshToken":"r","tokenEndpoint":"https://x.example/t"}""", HttpStatusCode.BadRequest, "$.clientId" },
        { "c", """{"type":"oauth2","refreshToken":"r","clientId":"a","tokenEndpoint":"http://login.example.com/t"}""", HttpStatusCode.BadRequest, "$.tokenEndpoint" },
        { "c", """{"type":"oauth2","accessToken":"a","clientSecret":"s"}""", HttpStatusCode.BadRequest, "$.clientSecret" },
        { "c", """{"type":"oauth2","accessToken":"a","expiresAt":"2026-04-30T00:00:00Z"}""", HttpStatusCode.BadRequest, "$.expiresAt" },
        { "c", """{"type":"oauth2","accessToken":"a","scopes":"read"}""", HttpStatusCode.BadRequest, "$.scopes" },
        { "c", """{"type":"oauth2","accessToken":"a","scopes":["read write"]}""", HttpStatusCode.BadRequest, "$.scopes[0]" },
        { "c", """["apiKey"]""", HttpStatusCode.BadRequest, "$" },
        { "c", """{"type":""", HttpStatusCode.BadRequest, "$" },
    };

    [Theory]
    [MemberData(nameof(BadPuts))]
    public async Task BadPuts_AnswerProblemDetails_NamingTheField_AndStoreNothing(string name, string body, HttpStatusCode status, string? field)
    {
        var problem = await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/connections/{name}", Json(body), Ct), status);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Empty((await _alice.GetFromJsonAsync<JsonElement>("/api/connections", Ct)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task BodiesThatAreNotJsonOrTooLarge_AreRefusedBeforeReading()
    {
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/connections/c", new StringContent("type=apiKey", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        var large = Json($$"""{"type":"apiKey","apiKey":"{{new string('k', 70 * 1024)}}"}""");
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/connections/c", large, Ct), HttpStatusCode.RequestEntityTooLarge);
        var problem = await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/connections/c", Json($$"""{"type":"apiKey","apiKey":"{{new string('k', 9 * 1024)}}"}"""), Ct), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("$.apiKey", out _));
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/connections?top=0", Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/connections?continuationToken=nonsense", Ct), HttpStatusCode.BadRequest);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
