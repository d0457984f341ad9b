using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary><c>/api/me</c> and <c>/api/me/settings</c> through the host on Azurite.</summary>
public sealed class MeRouteTests(AzuriteFixture azurite) : IAsyncDisposable
{
    private const string FullSettings =
        """{"theme":"dark","timeZone":"Europe/Paris","notifications":{"email":true,"webhookUrl":"https://hooks.example.com/ff?x=1"},"defaultConnection":"slack-ops"}""";

    private readonly HostFactory _host = new(azurite);

    private HttpClient Alice => field ??= _host.CreateClientFor("alice");

    private HttpClient Bob => field ??= _host.CreateClientFor("bob");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    [Fact]
    public async Task Me_ShowsTheAuthModeAndWhatTheCallerOwns()
    {
        foreach (var id in new[] { "first", "second" })
        {
            var definition = $$$"""{"id":"{{{id}}}","name":"{{{id}}}","steps":[{"id":"done","return":{"ok":true}}]}""";
            Assert.Equal(HttpStatusCode.Created, (await Alice.PutAsync($"/api/workflows/{id}", Json(definition), Ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await Alice.PostAsync("/api/workflows/first/publish", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Alice.PostAsync("/api/workflows/first/template", Json("""{"name":"First"}"""), Ct)).StatusCode);

        var alice = await Alice.GetFromJsonAsync<JsonElement>("/api/me", Ct);
        var bob = await Bob.GetFromJsonAsync<JsonElement>("/api/me", Ct);

        Assert.Equal("Development", alice.GetProperty("authMode").GetString());
        Assert.Equal(JsonValueKind.Null, alice.GetProperty("apiKeyId").ValueKind);
        Assert.Equal((2, 1, 1), Usage(alice));
        Assert.Equal((0, 0, 0), Usage(bob));
    }

    [Fact]
    public async Task Settings_AreTheDefaultsUntilSaved_ThenTheCallersOwn()
    {
        var defaults = await Alice.GetAsync("/api/me/settings", Ct);
        Assert.Null(defaults.Headers.ETag);
        Assert.Equal(
            """{"theme":"system","timeZone":"UTC","notifications":{"email":false,"webhookUrl":null},"defaultConnection":null,"updatedAt":null}""",
            await defaults.Content.ReadAsStringAsync(Ct));

        var saved = await Alice.PutAsync("/api/me/settings", Json(FullSettings), Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotNull(saved.Headers.ETag);
        var read = await Alice.GetFromJsonAsync<JsonElement>("/api/me/settings", Ct);
        Assert.Equal("dark", read.GetProperty("theme").GetString());
        Assert.Equal("Europe/Paris", read.GetProperty("timeZone").GetString());
        Assert.True(read.GetProperty("notifications").GetProperty("email").GetBoolean());
        Assert.Equal("https://hooks.example.com/ff?x=1", read.GetProperty("notifications").GetProperty("webhookUrl").GetString());
        Assert.Equal("slack-ops", read.GetProperty("defaultConnection").GetString());
        Assert.NotEqual(JsonValueKind.Null, read.GetProperty("updatedAt").ValueKind);
        Assert.Equal("system", (await Bob.GetFromJsonAsync<JsonElement>("/api/me/settings", Ct)).GetProperty("theme").GetString());
    }

    [Fact]
    public async Task PutSettings_FieldsLeftOutTakeTheirDefaults_AndWhatGetGaveCanBePutBack()
    {
        await Alice.PutAsync("/api/me/settings", Json(FullSettings), Ct);

        var partial = await (await Alice.PutAsync("/api/me/settings", Json("""{"theme":"light","notifications":{"webhookUrl":null}}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var roundTrip = await Alice.PutAsync("/api/me/settings", Json(await Alice.GetStringAsync("/api/me/settings", Ct)), Ct);

        Assert.Equal("light", partial.GetProperty("theme").GetString());
        Assert.Equal("UTC", partial.GetProperty("timeZone").GetString());
        Assert.False(partial.GetProperty("notifications").GetProperty("email").GetBoolean());
        Assert.Equal(JsonValueKind.Null, partial.GetProperty("defaultConnection").ValueKind);
        Assert.Equal(HttpStatusCode.OK, roundTrip.StatusCode);
    }

    [Fact]
    public async Task PutSettings_NamesEveryBadField_AndStoresNothing()
    {
        var body = """{"theme":"blue","timeZone":"Mars/Olympus","notifications":{"email":"yes","webhookUrl":"http://hooks.example.com","sms":true},"defaultConnection":"no spaces","colour":1}""";

        var problem = await ProblemAssert.IsProblemAsync(await Alice.PutAsync("/api/me/settings", Json(body), Ct), HttpStatusCode.BadRequest);

        Assert.Equal(
            ["$.colour", "$.defaultConnection", "$.notifications.email", "$.notifications.sms", "$.notifications.webhookUrl", "$.theme", "$.timeZone"],
            problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Null, (await Alice.GetFromJsonAsync<JsonElement>("/api/me/settings", Ct)).GetProperty("updatedAt").ValueKind);
    }

    [Theory]
    [InlineData("""{"timeZone":"Pacific Standard Time"}""", "$.timeZone")]
    [InlineData("""{"timeZone":42}""", "$.timeZone")]
    [InlineData("""{"timeZone":"europe/paris"}""", "$.timeZone")]
    [InlineData("""{"notifications":"email"}""", "$.notifications")]
    [InlineData("""{"notifications":{"webhookUrl":"https://user:pw@hooks.example.com"}}""", "$.notifications.webhookUrl")]
    [InlineData("""{"notifications":{"webhookUrl":"/relative"}}""", "$.notifications.webhookUrl")]
    [InlineData("""{"theme":"Dark"}""", "$.theme")]
    [InlineData("""[]""", "$")]
    [InlineData("""{"theme":""", "$")]
    public async Task PutSettings_BadValue_Answers400NamingTheField(string body, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(await Alice.PutAsync("/api/me/settings", Json(body), Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task PutSettings_ChecksTheMediaTypeAndSize_AndAnEmptyBody()
    {
        await ProblemAssert.IsProblemAsync(await Alice.PutAsync("/api/me/settings", new StringContent("theme=dark", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(
            await Alice.PutAsync("/api/me/settings", Json($$"""{"defaultConnection":"{{new string('x', 10_000)}}"}"""), Ct),
            HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(await Alice.PutAsync("/api/me/settings", Json(string.Empty), Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _host.CreateClient().PutAsync("/api/me/settings", Json(FullSettings), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PutSettings_WithAStaleIfMatch_Answers412()
    {
        var first = await Alice.PutAsync("/api/me/settings", Json(FullSettings), Ct);
        var etag = first.Headers.ETag!;

        var second = await SendAsync(HttpMethod.Put, """{"theme":"light"}""", etag);
        var stale = await SendAsync(HttpMethod.Put, """{"theme":"dark"}""", etag);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotEqual(etag, second.Headers.ETag);
        await ProblemAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("light", (await Alice.GetFromJsonAsync<JsonElement>("/api/me/settings", Ct)).GetProperty("theme").GetString());
        using var bobsFirst = new HttpRequestMessage(HttpMethod.Put, "/api/me/settings") { Content = Json(FullSettings) };
        bobsFirst.Headers.IfMatch.Add(etag);
        await ProblemAssert.IsProblemAsync(await Bob.SendAsync(bobsFirst, Ct), HttpStatusCode.PreconditionFailed);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string body, System.Net.Http.Headers.EntityTagHeaderValue ifMatch)
    {
        using var request = new HttpRequestMessage(method, "/api/me/settings") { Content = Json(body) };
        request.Headers.IfMatch.Add(ifMatch);
        return await Alice.SendAsync(request, Ct);
    }

    private static (int Workflows, int Published, int Templates) Usage(JsonElement me)
    {
        var usage = me.GetProperty("usage");
        return (usage.GetProperty("workflows").GetInt32(), usage.GetProperty("publishedWorkflows").GetInt32(), usage.GetProperty("templates").GetInt32());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
