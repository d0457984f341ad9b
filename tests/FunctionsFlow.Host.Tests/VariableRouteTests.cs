using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary><c>/api/variables</c> through the real host on Azurite.</summary>
public sealed class VariableRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;
    private HttpClient _admin = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _alice = _host.CreateClientFor("alice");
        _bob = _host.CreateClientFor("bob");
        _admin = _host.CreateClientFor("root", "admin");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("user")]
    [InlineData("workflows/expense-approval")]
    public async Task Put_Get_List_Delete_RoundTrip(string scope)
    {
        var put = await _alice.PutAsync($"/api/variables/{scope}/limit", Json("""{"amount":250,"currency":"EUR"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var stored = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("limit", stored.GetProperty("key").GetString());
        Assert.Equal(250, stored.GetProperty("value").GetProperty("amount").GetInt32());
        Assert.True(stored.GetProperty("updatedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        await _alice.PutAsync($"/api/variables/{scope}/flag", Json("true"), Ct);

        var one = await _alice.GetFromJsonAsync<JsonElement>($"/api/variables/{scope}/limit", Ct);
        Assert.Equal("EUR", one.GetProperty("value").GetProperty("currency").GetString());
        var list = await _alice.GetFromJsonAsync<JsonElement>($"/api/variables/{scope}", Ct);
        Assert.Equal(["flag", "limit"], Keys(list));

        var deleted = await _alice.DeleteAsync($"/api/variables/{scope}/limit", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/variables/{scope}/limit", Ct), HttpStatusCode.NotFound);
        Assert.Equal(["flag"], Keys(await _alice.GetFromJsonAsync<JsonElement>($"/api/variables/{scope}", Ct)));
    }

    [Fact]
    public async Task UserAndWorkflowScopes_AreEachCallersOwn()
    {
        await _alice.PutAsync("/api/variables/user/color", Json("\"red\""), Ct);
        await _alice.PutAsync("/api/variables/workflows/wf/color", Json("\"green\""), Ct);
        await _bob.PutAsync("/api/variables/user/color", Json("\"blue\""), Ct);

        Assert.Equal("red", (await _alice.GetFromJsonAsync<JsonElement>("/api/variables/user/color", Ct)).GetProperty("value").GetString());
        Assert.Equal("blue", (await _bob.GetFromJsonAsync<JsonElement>("/api/variables/user/color", Ct)).GetProperty("value").GetString());
        Assert.Equal("green", (await _alice.GetFromJsonAsync<JsonElement>("/api/variables/workflows/wf/color", Ct)).GetProperty("value").GetString());
        await ProblemAssert.IsProblemAsync(await _bob.GetAsync("/api/variables/workflows/wf/color", Ct), HttpStatusCode.NotFound);
        Assert.Empty(Keys(await _bob.GetFromJsonAsync<JsonElement>("/api/variables/workflows/wf", Ct)));
    }

    [Fact]
    public async Task Global_IsReadByEveryone_AndWrittenOnlyByAdmins()
    {
        var denied = await _alice.PutAsync("/api/variables/global/motd", Json("\"hi\""), Ct);
        await ProblemAssert.IsProblemAsync(denied, HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync("/api/variables/global/motd", Ct), HttpStatusCode.Forbidden);
        await ProblemAssert.IsProblemAsync(await _alice.PatchAsync("/api/variables/global", Json("""{"motd":"x"}"""), Ct), HttpStatusCode.Forbidden);

        Assert.Equal(HttpStatusCode.OK, (await _admin.PutAsync("/api/variables/global/motd", Json("\"hello all\""), Ct)).StatusCode);

        Assert.Equal("hello all", (await _bob.GetFromJsonAsync<JsonElement>("/api/variables/global/motd", Ct)).GetProperty("value").GetString());
        Assert.Equal(["motd"], Keys(await _alice.GetFromJsonAsync<JsonElement>("/api/variables/global", Ct)));
    }

    [Fact]
    public async Task Patch_SetsSeveral_AndNullDeletes()
    {
        await _alice.PutAsync("/api/variables/user/old", Json("1"), Ct);

        var patched = await _alice.PatchAsync("/api/variables/user", Json("""{"a":1,"b":[1,2],"old":null}"""), Ct);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.Equal(["a", "b"], Keys(await patched.Content.ReadFromJsonAsync<JsonElement>(Ct)));
    }

    [Fact]
    public async Task SessionScope_NeedsTheCallersLiveSession()
    {
        var created = await _alice.PostAsync("/api/sessions", Json("""{"ttl":"PT1H"}"""), Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.OK, (await _alice.PutAsync($"/api/variables/sessions/{id}/cart", Json("[1,2,3]"), Ct)).StatusCode);

        Assert.Equal(3, (await _alice.GetFromJsonAsync<JsonElement>($"/api/variables/sessions/{id}/cart", Ct)).GetProperty("value").GetArrayLength());
        await ProblemAssert.IsProblemAsync(await _bob.GetAsync($"/api/variables/sessions/{id}/cart", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.PutAsync($"/api/variables/sessions/{id}/cart", Json("1"), Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/variables/sessions/AAAAAAAAAAAAAAAAAAAAAA", Ct), HttpStatusCode.NotFound);

        await _alice.DeleteAsync($"/api/sessions/{id}", Ct);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/variables/sessions/{id}", Ct), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData(".dot-first")]
    [InlineData("k%C3%A9y")]
    public async Task BadKeys_Answer400NamingTheKey(string key)
    {
        var problem = await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/variables/user/{key}", Json("1"), Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("key", out _));
        Assert.Empty(Keys(await _alice.GetFromJsonAsync<JsonElement>("/api/variables/user", Ct)));
    }

    [Fact]
    public async Task TooLongKey_And_BadWorkflowId_And_BadPatchKey_Answer400()
    {
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/variables/user/{new string('k', 129)}", Json("1"), Ct), HttpStatusCode.BadRequest);
        var workflow = await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/variables/workflows/-bad", Ct), HttpStatusCode.BadRequest);
        Assert.True(workflow.GetProperty("errors").TryGetProperty("workflowId", out _));
        var patch = await ProblemAssert.IsProblemAsync(await _alice.PatchAsync("/api/variables/user", Json("""{"ok":1,"not ok":2}"""), Ct), HttpStatusCode.BadRequest);
        Assert.True(patch.GetProperty("errors").TryGetProperty("$['not ok']", out _));
        Assert.Empty(Keys(await _alice.GetFromJsonAsync<JsonElement>("/api/variables/user", Ct)));
    }

    [Fact]
    public async Task BadBodies_Answer400_413_415_AndChangeNothing()
    {
        var malformed = await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/variables/user/k", Json("{\"a\":"), Ct), HttpStatusCode.BadRequest);
        Assert.Contains("line 1", malformed.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/variables/user/k", new StringContent("", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/variables/user/k", new StringContent("1", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        var big = "\"" + new string('x', 70 * 1024) + "\"";
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/variables/user/k", Json(big), Ct), HttpStatusCode.RequestEntityTooLarge);
        var huge = "\"" + new string('x', 1100 * 1024) + "\"";
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/variables/user/k", Json(huge), Ct), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(await _alice.PatchAsync("/api/variables/user", Json("[1]"), Ct), HttpStatusCode.BadRequest);

        Assert.Empty(Keys(await _alice.GetFromJsonAsync<JsonElement>("/api/variables/user", Ct)));
    }

    [Fact]
    public async Task NoCaller_Answers401()
    {
        using var anonymous = _host.CreateClientFor(null);

        await ProblemAssert.IsProblemAsync(await anonymous.GetAsync("/api/variables/global", Ct), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblemAsync(await anonymous.PutAsync("/api/variables/user/k", Json("1"), Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AWrite_IsSeenByTheNextRead_OnAnotherHostInstance()
    {
        await using var other = new HostFactory(azurite, settings: new Dictionary<string, string?> { ["FunctionsFlow:TaskHub"] = _host.TaskHub });
        using var aliceElsewhere = other.CreateClientFor("alice");

        for (var i = 0; i < 5; i++)
        {
            await _alice.PutAsync("/api/variables/user/n", Json(i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct);
            Assert.Equal(i, (await aliceElsewhere.GetFromJsonAsync<JsonElement>("/api/variables/user/n", Ct)).GetProperty("value").GetInt32());
        }
    }

    private static List<string> Keys(JsonElement list) => [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!)];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
