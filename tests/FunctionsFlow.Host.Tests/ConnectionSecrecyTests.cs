using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;
using FunctionsFlow.Testing.Fakes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Host.Tests;

/// <summary>After a workflow used connections of every type (one refreshed on the way) and took a checkpoint, no secret
/// is in any table, blob or queue of the task hub, in the host's logs, or in any answer of the API.</summary>
public sealed class ConnectionSecrecyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ApiKey = "AK-scan-7f3b";
    private const string Password = "PW-scan-91c2";
    private const string BasicPair = "c3ZjOlBXLXNjYW4tOTFjMg=="; // base64("svc:PW-scan-91c2")
    private const string HookPath = "HOOK-scan-0d4e";

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private FakeTokenEndpoint _tokens = null!;
    private FakeHttpServer _api = null!;
    private HostFactory _host = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _tokens = await FakeTokenEndpoint.StartAsync("scan");
        _api = await FakeHttpServer.StartAsync(EchoAsync);
        _host = new HostFactory(azurite, clock: _clock, services: s => s.AddSingleton<ILoggerProvider>(_logs));
        _alice = _host.CreateClientFor("alice");
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
        await _tokens.DisposeAsync();
    }

    [Fact]
    public async Task AfterAWorkflowUsedConnections_NoSecretIsStoredLoggedOrAnswered()
    {
        await PutAsync("crm", $$"""
            {"type":"oauth2","accessToken":"scan-access-1","refreshToken":"scan-refresh-1","clientSecret":"{{_tokens.ClientSecret}}",
             "tokenEndpoint":"{{_tokens.Url}}","clientId":"{{_tokens.ClientId}}","scopes":["orders"],"expiresAt":"2026-05-01T08:02:00Z"}
            """);
        await PutAsync("billing", $$"""{"type":"apiKey","apiKey":"{{ApiKey}}"}""");
        await PutAsync("ledger", $$"""{"type":"basic","username":"svc","password":"{{Password}}"}""");
        await PutAsync("hook", $$"""{"type":"webhook","url":"{{_api.BaseUrl}}hooks/{{HookPath}}"}""");
        var definition = """
            id: uses-connections
            name: Uses connections
            steps:
              - {id: orders, http: {method: POST, url: "{api}orders", connection: crm, body: {n: "${ input.n }"}}}
              - {id: billing, http: {url: "{api}billing", connection: billing}}
              - {id: ledger, http: {url: "{api}ledger", connection: ledger}}
              - {id: notify, http: {method: POST, connection: hook, body: {text: done}}}
              - {id: saved, checkpoint: after-calls}
              - {id: done, return: {orders: "${ steps.orders.output }", ledger: "${ steps.ledger.output.body }"}}
            """.Replace("{api}", _api.BaseUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await _alice.PutAsync("/api/workflows/uses-connections", new StringContent(definition, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _alice.PostAsync("/api/workflows/uses-connections/publish", null, Ct)).StatusCode);

        var started = await _alice.PostAsync("/api/workflows/uses-connections/executions?instanceId=scan-1", Json("""{"n":7}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var done = await _alice.WaitForExecutionAsync("scan-1", s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed", TimeSpan.FromSeconds(60));
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());

        // The credentials went out: the access token was refreshed first (it was due within five minutes).
        var seen = _api.Requests.ToList();
        Assert.Equal(
            [("/orders", "Bearer scan-access-2"), ("/billing", null), ("/ledger", "Basic " + BasicPair), ($"/hooks/{HookPath}", null)],
            seen.Select(r => (r.Path, r.Header("Authorization"))));
        Assert.Equal(ApiKey, seen[1].Header("X-Api-Key"));
        Assert.Single(_tokens.Requests);

        var answers = new StringBuilder()
            .Append(done).Append('\n')
            .Append(await _alice.GetStringAsync("/api/executions/scan-1/history", Ct)).Append('\n')
            .Append(await _alice.GetStringAsync("/api/executions/scan-1/steps", Ct)).Append('\n')
            .Append(await _alice.GetStringAsync("/api/executions/scan-1/checkpoints/0001-saved", Ct)).Append('\n')
            .Append(await _alice.GetStringAsync("/api/connections", Ct)).Append('\n')
            .Append(await _alice.GetStringAsync("/api/connections/crm", Ct)).ToString();
        var stored = await azurite.CreateFactory().EverythingStoredAsync(_host.TaskHub, Ct);
        var logged = string.Join('\n', _logs.Messages);

        Assert.Contains("uses-connections", stored, StringComparison.Ordinal);
        Assert.Contains("0001-saved", await _alice.GetStringAsync("/api/executions/scan-1/checkpoints", Ct), StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", answers, StringComparison.Ordinal);
        Assert.Contains(_logs.Messages, m => m.Contains("Connection crm of alice was refreshed", StringComparison.Ordinal));
        foreach (var secret in new[] { "scan-access-1", "scan-access-2", "scan-refresh-1", "scan-refresh-2", _tokens.ClientSecret!, ApiKey, Password, BasicPair, HookPath })
        {
            AssertAbsent(secret, stored, "storage");
            AssertAbsent(secret, logged, "the logs");
            AssertAbsent(secret, answers, "the API's answers");
        }

        var crm = await _alice.GetFromJsonAsync<JsonElement>("/api/connections/crm", Ct);
        Assert.Equal(("Active", _clock.GetUtcNow()), (crm.GetProperty("status").GetString(), crm.GetProperty("lastUsedAt").GetDateTimeOffset()));
        Assert.Equal(_clock.GetUtcNow().AddHours(1), crm.GetProperty("expiresAt").GetDateTimeOffset());
    }

    private static void AssertAbsent(string secret, string text, string where)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        Assert.True(at < 0, $"{where} hold {secret}: ...{(at < 0 ? string.Empty : text[Math.Max(0, at - 300)..Math.Min(text.Length, at + 100)])}...");
    }

    /// <summary>Answers with every credential it was sent, in the body and in a header, as a careless API might.</summary>
    private static async Task EchoAsync(HttpContext context, RecordedRequest request)
    {
        var credentials = string.Join(' ', new[] { request.Header("Authorization"), request.Header("X-Api-Key"), request.Path }.OfType<string>());
        context.Response.Headers["X-Echo"] = credentials;
        await context.Response.WriteAsJsonAsync(new { echo = credentials, body = request.Body }, context.RequestAborted);
    }

    private async Task PutAsync(string name, string body) =>
        Assert.Equal(HttpStatusCode.OK, (await _alice.PutAsync($"/api/connections/{name}", Json(body), Ct)).StatusCode);

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
