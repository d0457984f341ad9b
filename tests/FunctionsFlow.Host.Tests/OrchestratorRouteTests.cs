using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

public sealed class OrchestratorRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private HostFactory _host = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _alice = _host.CreateClientFor("alice");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task StartHelloCities_Returns202WithTheManagementPayload_ThenCompletes()
    {
        var response = await _alice.PostAsync("/api/orchestrators/HelloCities", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = payload.GetProperty("id").GetString()!;
        Assert.Equal(payload.GetProperty("statusQueryGetUri").GetString(), response.Headers.Location!.ToString());
        foreach (var field in new[] { "sendEventPostUri", "terminatePostUri", "suspendPostUri", "resumePostUri", "purgeHistoryDeleteUri", "restartPostUri" })
        {
            Assert.Contains(id, payload.GetProperty(field).GetString(), StringComparison.Ordinal);
        }

        var status = await WaitForAsync(id, "Completed");
        Assert.Equal(["Hello Tokyo!", "Hello Seattle!", "Hello London!"], status.GetProperty("output").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal("HelloCities", status.GetProperty("name").GetString());
    }

    [Fact]
    public async Task StartFanOutFanIn_WithInput_SumsTheSquares()
    {
        var id = await StartAsync("FanOutFanIn", "5");

        var status = await WaitForAsync(id, "Completed");

        Assert.Equal(55, status.GetProperty("output").GetInt64());
    }

    [Fact]
    public async Task StartDelayedGreeting_WithAnIsoDuration_Greets()
    {
        var id = await StartAsync("DelayedGreeting", """{"name":"Ann","delay":"PT0S"}""");

        var status = await WaitForAsync(id, "Completed");

        Assert.Equal("Hello Ann!", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task WaitForApproval_RaisedEvent_CompletesWithThePayload_AndLaterEventsAre410()
    {
        var id = await StartAsync("WaitForApproval", """{"timeout":"PT1H"}""");
        await WaitForAsync(id, "Running");

        var raised = await _alice.PostAsync($"/api/executions/{id}/events/approval", Json("""{"approved":true}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        var status = await WaitForAsync(id, "Completed");
        Assert.True(status.GetProperty("output").GetProperty("approved").GetBoolean());

        var late = await _alice.PostAsync($"/api/executions/{id}/events/approval", Json("true"), Ct);
        await ProblemAssert.IsProblemAsync(late, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task CounterWorkflow_CallsTheCounterEntity_WhichKeepsItsStateAcrossRuns()
    {
        var key = Guid.NewGuid().ToString("N");

        var first = await WaitForAsync(await StartAsync("CounterWorkflow", $$"""{"key":"{{key}}","amount":5}"""), "Completed");
        var second = await WaitForAsync(await StartAsync("CounterWorkflow", $$"""{"key":"{{key}}","amount":3}"""), "Completed");

        Assert.Equal(5, first.GetProperty("output").GetInt64());
        Assert.Equal(8, second.GetProperty("output").GetInt64());
    }

    [Fact]
    public async Task StartUnknownOrchestrator_Returns404NamingTheKnownOnes()
    {
        var response = await _alice.PostAsync("/api/orchestrators/Nope", null, Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Contains("HelloCities", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartWithARunningInstanceId_Returns409()
    {
        var id = "approval-" + Guid.NewGuid().ToString("N");
        Assert.Equal(HttpStatusCode.Accepted, (await _alice.PostAsync($"/api/orchestrators/WaitForApproval/{id}", null, Ct)).StatusCode);

        var again = await _alice.PostAsync($"/api/orchestrators/WaitForApproval/{id}", null, Ct);

        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Start_WithMalformedJson_Returns400WithThePosition_AndStartsNothing()
    {
        var response = await _alice.PostAsync("/api/orchestrators/FanOutFanIn", Json("{\"n\": 5,"), Ct);

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("line 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await ListAsync(_alice));
    }

    [Fact]
    public async Task Start_WithANonJsonBody_Returns415()
    {
        var response = await _alice.PostAsync("/api/orchestrators/FanOutFanIn", new StringContent("5", Encoding.UTF8, "text/plain"), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Start_WithABodyOverTheLimit_Returns413()
    {
        var big = "\"" + new string('x', 1024 * 1024 + 10) + "\"";

        var response = await _alice.PostAsync("/api/orchestrators/FanOutFanIn", Json(big), Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task AnotherUsersExecution_Answers404ToEveryRoute()
    {
        var id = await StartAsync("WaitForApproval", null);
        var bob = _host.CreateClientFor("bob");

        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/executions/{id}", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/executions/{id}/history", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.PostAsync($"/api/executions/{id}/events/approval", null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.PostAsync($"/api/executions/{id}/terminate", null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.DeleteAsync($"/api/executions/{id}", Ct), HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, await ListAsync(bob));
        Assert.Contains(id, await ListAsync(_alice));
    }

    [Fact]
    public async Task Terminate_ThenPurge_RemovesTheExecution_WhilePurgingARunningOneIs409()
    {
        var id = await StartAsync("WaitForApproval", null);
        await WaitForAsync(id, "Running");
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync($"/api/executions/{id}", Ct), HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Accepted, (await _alice.PostAsync($"/api/executions/{id}/terminate?reason=cleanup", null, Ct)).StatusCode);
        await WaitForAsync(id, "Terminated");
        Assert.Equal(HttpStatusCode.NoContent, (await _alice.DeleteAsync($"/api/executions/{id}", Ct)).StatusCode);

        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/executions/{id}", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SuspendAndResume_PauseTheExecution()
    {
        var id = await StartAsync("WaitForApproval", null);
        await WaitForAsync(id, "Running");

        Assert.Equal(HttpStatusCode.Accepted, (await _alice.PostAsync($"/api/executions/{id}/suspend?reason=audit", null, Ct)).StatusCode);
        await WaitForAsync(id, "Suspended");
        Assert.Equal(HttpStatusCode.Accepted, (await _alice.PostAsync($"/api/executions/{id}/resume", null, Ct)).StatusCode);
        await WaitForAsync(id, "Running");
    }

    [Fact]
    public async Task Restart_AFinishedExecution_StartsANewOneWithTheSameInput()
    {
        var id = await StartAsync("FanOutFanIn", "3");
        await WaitForAsync(id, "Completed");

        var response = await _alice.PostAsync($"/api/executions/{id}/restart", null, Ct);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var newId = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.Equal(14, (await WaitForAsync(newId, "Completed")).GetProperty("output").GetInt64());
    }

    [Fact]
    public async Task History_ListsTheEventsInOrder()
    {
        var id = await StartAsync("HelloCities", null);
        await WaitForAsync(id, "Completed");

        var history = await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}/history", Ct);

        var types = history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
        Assert.Equal("OrchestratorStarted", types[0]);
        Assert.Equal("ExecutionStarted", types[1]);
        Assert.Equal(3, types.Count(t => t == "TaskCompleted"));
        Assert.Equal("ExecutionCompleted", types[^1]);
    }

    [Fact]
    public async Task List_PagesWithContinuationTokens_AndFiltersByStatus()
    {
        for (var i = 0; i < 3; i++)
        {
            await WaitForAsync(await StartAsync("FanOutFanIn", "1"), "Completed");
        }

        await StartAsync("WaitForApproval", null);

        var first = await _alice.GetAsync("/api/executions?top=2", Ct);
        var page = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = page.GetProperty("continuationToken").GetString();
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        Assert.Equal(token, first.Headers.GetValues("x-ms-continuation-token").Single());
        Assert.Equal(3, (await ListAsync(_alice, "runtimeStatus=Completed")).Count);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/executions?runtimeStatus=Sleeping", Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/executions?top=0", Ct), HttpStatusCode.BadRequest);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<string> StartAsync(string name, string? input)
    {
        var response = await _alice.PostAsync($"/api/orchestrators/{name}", input is null ? null : Json(input), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> WaitForAsync(string id, string status)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(async () =>
        {
            last = await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct);
            return last.GetProperty("runtimeStatus").GetString() == status;
        }, $"{id} is {status}");
        return last;
    }

    private static async Task<List<string>> ListAsync(HttpClient client, string query = "")
    {
        var ids = new List<string>();
        string? token = null;
        do
        {
            var url = "/api/executions?top=50" + (query.Length > 0 ? "&" + query : string.Empty) + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await client.GetFromJsonAsync<JsonElement>(url, Ct);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
            token = page.GetProperty("continuationToken").GetString();
        }
        while (token is not null);
        return ids;
    }
}
