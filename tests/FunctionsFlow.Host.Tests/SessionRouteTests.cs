using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Host.Tests;

/// <summary><c>/api/sessions</c> through the real host on Azurite, on a manual clock.</summary>
public sealed class SessionRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
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
    public async Task Create_Read_Update_Extend_Delete()
    {
        var start = _clock.GetUtcNow();
        var created = await _alice.PostAsync("/api/sessions", Json("""{"data":{"step":1},"ttl":"PT30M"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal(22, id.Length);
        Assert.Equal(start.AddMinutes(30), body.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal($"/api/sessions/{id}", created.Headers.Location!.ToString());

        var read = await _alice.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct);
        Assert.Equal(1, read.GetProperty("data").GetProperty("step").GetInt32());

        var updated = await _alice.PutAsync($"/api/sessions/{id}", Json("""{"data":{"step":2}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, (await _alice.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct)).GetProperty("data").GetProperty("step").GetInt32());

        var extended = await _alice.PostAsync($"/api/sessions/{id}/extend", Json("""{"by":600}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(start.AddMinutes(40), (await extended.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("expiresAt").GetDateTimeOffset());

        Assert.Equal(HttpStatusCode.NoContent, (await _alice.DeleteAsync($"/api/sessions/{id}", Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/sessions/{id}", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync($"/api/sessions/{id}", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherUsersSession_Answers404ToEverything_AndIsUnchanged()
    {
        var id = await CreateAsync("""{"data":"mine","ttl":3600}""");

        await ProblemAssert.IsProblemAsync(await _bob.GetAsync($"/api/sessions/{id}", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.PutAsync($"/api/sessions/{id}", Json("""{"data":"theirs"}"""), Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.PostAsync($"/api/sessions/{id}/extend", Json("""{"by":"PT1H"}"""), Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.DeleteAsync($"/api/sessions/{id}", Ct), HttpStatusCode.NotFound);

        var read = await _alice.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct);
        Assert.Equal("mine", read.GetProperty("data").GetString());
        Assert.Equal(_clock.GetUtcNow().AddHours(1), read.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AnExpiredSession_Is404AtOnce_AndItsVariablesGoWithIt()
    {
        var id = await CreateAsync("""{"ttl":"PT10M"}""");
        await _alice.PutAsync($"/api/variables/sessions/{id}/cart", Json("[1]"), Ct);

        _clock.Advance(TimeSpan.FromMinutes(10));

        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/sessions/{id}", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/variables/sessions/{id}/cart", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync($"/api/sessions/{id}/extend", Json("""{"by":"PT1H"}"""), Ct), HttpStatusCode.NotFound);
        await Eventually.TrueAsync(async () => await EntityStateAsync($"@variables@session:{id}") is null, "the expire signal cleared the session's variables");
        Assert.Null(await EntityStateAsync($"@session@{id}"));
    }

    [Theory]
    [InlineData("""{"data":1}""", "$.ttl")]
    [InlineData("""{"ttl":"soon"}""", "$.ttl")]
    [InlineData("""{"ttl":0}""", "$.ttl")]
    [InlineData("""{"ttl":"P400D"}""", "$.ttl")]
    [InlineData("""[1]""", "$")]
    public async Task Create_WithABadBody_Answers400NamingTheField(string body, string field)
    {
        var problem = await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/sessions", Json(body), Ct), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task BadBodies_OnUpdateAndExtend_Answer400_413_415()
    {
        var id = await CreateAsync("""{"ttl":"PT1H"}""");

        await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/sessions/{id}", Json("""{"nodata":1}"""), Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/sessions/{id}", Json("{"), Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/sessions/{id}", new StringContent("""{"data":1}""", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        var big = """{"data":"%"}""".Replace("%", new string('x', 70 * 1024), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync($"/api/sessions/{id}", Json(big), Ct), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync($"/api/sessions/{id}/extend", Json("""{"by":"P1X"}"""), Ct), HttpStatusCode.BadRequest);
        var tooFar = await ProblemAssert.IsProblemAsync(await _alice.PostAsync($"/api/sessions/{id}/extend", Json("""{"by":"P365D"}"""), Ct), HttpStatusCode.BadRequest);
        Assert.True(tooFar.GetProperty("errors").TryGetProperty("$.by", out _));

        var read = await _alice.GetFromJsonAsync<JsonElement>($"/api/sessions/{id}", Ct);
        Assert.Equal(JsonValueKind.Null, read.GetProperty("data").ValueKind);
        Assert.Equal(_clock.GetUtcNow().AddHours(1), read.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task UnknownAndMalformedIds_Answer404()
    {
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/sessions/AAAAAAAAAAAAAAAAAAAAAA", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/sessions/x", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync("/api/sessions/%40%40", Ct), HttpStatusCode.NotFound);
    }

    private async Task<string> CreateAsync(string body)
    {
        var created = await _alice.PostAsync("/api/sessions", Json(body), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task<string?> EntityStateAsync(string instanceId)
    {
        var client = _host.Services.GetRequiredService<FunctionsFlow.Durable.Client.DurableClient>();
        var status = await client.GetInstanceAsync(instanceId, Ct);
        return status?.SerializedOutput;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
