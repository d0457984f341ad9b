using System.Text.Json;
using FunctionsFlow.Durable;
using FunctionsFlow.Durable.Client;
using FunctionsFlow.Testing;
using FunctionsFlow.Testing.Fakes;
using FunctionsFlow.Workflows.Connections;
using FunctionsFlow.Workflows.Runtime;
using FunctionsFlow.Workflows.Tests.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Workflows.Tests.Connections;

/// <summary><c>http</c> steps that name a connection, through the interpreter: the credential is added inside the
/// activity, so neither the history nor the step runs hold it, and a connection that cannot be used fails the step
/// at once with a clear error (or takes its <c>onError</c>).</summary>
public sealed class ConnectionHttpStepTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ConnectionHarness _connections = null!;
    private InterpreterHost _host = null!;
    private FakeHttpServer _api = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connections = await ConnectionHarness.CreateAsync(azurite);
        _api = await FakeHttpServer.StartAsync(AnswerAsync);
        _host = new InterpreterHost(services => services.AddSingleton<IConnectionCredentials>(_connections.Service));
        await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _api.DisposeAsync();
        _connections.Dispose();
    }

    [Fact]
    public async Task OAuthConnection_SendsTheBearerToken_AndNeitherHistoryNorStepRunsHoldIt()
    {
        await PutAsync("crm", new ConnectionDefinition { Type = ConnectionType.OAuth2, Secret = new ConnectionSecret { AccessToken = "at-9d3e71" } });
        Publish("""
            - id: call
              http: {method: POST, url: "{api}echo", connection: crm, headers: {Authorization: "Bearer step-set", X-Trace: t1}, body: {n: 1}}
            - {id: done, return: "${ steps.call.output.body }"}
            """);

        var done = await RunAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var seen = Assert.Single(_api.Requests);
        Assert.Equal(("Bearer at-9d3e71", "t1", """{"n":1}"""), (seen.Header("Authorization"), seen.Header("X-Trace"), seen.Body));
        Assert.Equal("Bearer [redacted]", JsonDocument.Parse(done.SerializedOutput!).RootElement.GetProperty("authorization").GetString());
        var call = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "call");
        Assert.Equal("crm", call.Input!.Value.GetProperty("connection").GetString());
        Assert.False(call.Input.Value.TryGetProperty("headers", out _));
        await AssertNothingKeptHoldsAsync(done, "at-9d3e71");
    }

    [Fact]
    public async Task ApiKeyAndBasicConnections_SendTheirHeaders()
    {
        await PutAsync("key", new ConnectionDefinition { Type = ConnectionType.ApiKey, Secret = new ConnectionSecret { ApiKey = "key-51c0" } });
        await PutAsync("login", new ConnectionDefinition { Type = ConnectionType.Basic, Secret = new ConnectionSecret { Username = "svc", Password = "pw-a7b3" } });
        Publish("""
            - {id: one, http: {url: "{api}echo", connection: key}}
            - {id: two, http: {url: "{api}echo", connection: login}}
            """);

        var done = await RunAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["key-51c0", null], _api.Requests.Select(r => r.Header("X-Api-Key")));
        Assert.Equal("Basic c3ZjOnB3LWE3YjM=", _api.Requests.Last().Header("Authorization"));
        await AssertNothingKeptHoldsAsync(done, "key-51c0", "pw-a7b3", "c3ZjOnB3LWE3YjM=");
    }

    [Fact]
    public async Task WebhookConnection_IsWhereTheRequestGoes_AndItsUrlIsRecordedNowhere()
    {
        await PutAsync("hook", new ConnectionDefinition { Type = ConnectionType.Webhook, Secret = new ConnectionSecret { Url = $"{_api.BaseUrl}hooks/T0/B0/s3cr3t-path" } });
        Publish("""
            - {id: notify, http: {method: POST, connection: hook, body: {text: hello}}}
            """);

        var done = await RunAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(("POST", "/hooks/T0/B0/s3cr3t-path"), (_api.Requests.Single().Method, _api.Requests.Single().Path));
        var notify = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "notify");
        Assert.Equal(JsonValueKind.Null, notify.Input!.Value.GetProperty("url").ValueKind);
        await AssertNothingKeptHoldsAsync(done, "s3cr3t-path");
    }

    [Fact]
    public async Task ConnectionThatNeedsReauthorization_FailsTheStepAtOnce_WithoutRetries()
    {
        await using var endpoint = await FakeTokenEndpoint.StartAsync("crm");
        await _connections.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(endpoint), TimeSpan.FromMinutes(1));
        endpoint.AnswerNext(400, """{"error":"invalid_grant"}""");
        Publish("""
            - id: call
              http: {url: "{api}echo", connection: crm}
              retry: {maxAttempts: 5, backoff: fixed, initialDelay: PT1S}
            """);

        var done = await RunAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        var call = InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "call");
        Assert.Equal((StepRunStatus.Failed, 1), (call.Status, call.Attempts));
        Assert.Contains("Connection 'crm' needs to be authorized again", call.Error, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Empty(_api.Requests);
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task UnusableConnection_FollowsTheStepsOnError()
    {
        Publish("""
            - id: call
              http: {url: "{api}echo", connection: missing}
              retry: {maxAttempts: 3}
              onError: {strategy: useDefault, value: {ok: false}}
            - {id: done, return: "${ steps.call }"}
            """);

        var done = await RunAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        var output = JsonDocument.Parse(done.SerializedOutput!).RootElement;
        Assert.False(output.GetProperty("output").GetProperty("ok").GetBoolean());
        Assert.Contains("There is no connection 'missing'", output.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, InterpreterHost.Progress(done)!.Steps.Single(s => s.StepId == "call").Attempts);
    }

    [Fact]
    public async Task RequestRefusedWith401_IsSentOnceMoreWithARefreshedToken()
    {
        await using var endpoint = await FakeTokenEndpoint.StartAsync("crm");
        await _connections.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(endpoint));
        Publish("""
            - {id: call, http: {url: "{api}only-fresh", connection: crm}}
            """);

        var done = await RunAsync();

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["Bearer crm-access-1", "Bearer crm-access-2"], _api.Requests.Select(r => r.Header("Authorization")));
        Assert.Single(endpoint.Requests);
        await AssertNothingKeptHoldsAsync(done, "crm-access-1", "crm-access-2", "crm-refresh");
    }

    /// <summary>/echo answers with the credentials it saw; /only-fresh refuses the first access token.</summary>
    private static async Task AnswerAsync(HttpContext context, RecordedRequest request)
    {
        if (request.Path == "/only-fresh" && request.Header("Authorization") == "Bearer crm-access-1")
        {
            context.Response.StatusCode = 401;
            return;
        }

        context.Response.Headers["X-Seen-Key"] = request.Header("X-Api-Key") ?? "none";
        await context.Response.WriteAsJsonAsync(new { authorization = request.Header("Authorization"), apiKey = request.Header("X-Api-Key") }, context.RequestAborted);
    }

    private Task PutAsync(string name, ConnectionDefinition definition) => _connections.Service.PutAsync("alice", name, definition, Ct);

    private void Publish(string steps) =>
        _host.Publish("id: with-connection\nname: With a connection\nsteps:\n" + steps.Replace("{api}", _api.BaseUrl.ToString(), StringComparison.Ordinal));

    private async Task<OrchestrationMetadata> RunAsync() =>
        await _host.RunToEndAsync(await _host.StartAsync("with-connection"), TimeSpan.FromSeconds(1));

    private async Task AssertNothingKeptHoldsAsync(OrchestrationMetadata done, params string[] secrets)
    {
        var history = JsonSerializer.Serialize(await _host.Client.GetHistoryAsync(done.InstanceId));
        var kept = string.Join('\n', history, done.SerializedCustomStatus, done.SerializedOutput, done.SerializedInput, done.FailureDetails?.ToString());
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, kept, StringComparison.Ordinal);
        }
    }
}
