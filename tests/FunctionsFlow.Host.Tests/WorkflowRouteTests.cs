using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary><c>/api/workflows</c>, <c>/api/templates</c> and workflow executions through the real host on Azurite.</summary>
public sealed class WorkflowRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "expense-approval.yaml"));

    private HostFactory _host = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _alice = _host.CreateClientFor("alice");
        _bob = _host.CreateClientFor("bob");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Save_Get_List_Publish_Delete()
    {
        var created = await _alice.PutAsync("/api/workflows/expense-approval", Yaml(Sample), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Draft", body.GetProperty("state").GetString());
        Assert.Equal(0, body.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await _alice.PutAsync("/api/workflows/expense-approval", Yaml(Sample), Ct)).StatusCode);

        var published = await _alice.PostAsync("/api/workflows/expense-approval/publish", null, Ct);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(1, (await published.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());

        var one = await _alice.GetFromJsonAsync<JsonElement>("/api/workflows/expense-approval", Ct);
        Assert.Equal("Published", one.GetProperty("state").GetString());
        Assert.Equal(Sample, one.GetProperty("definition").GetString());
        Assert.Equal(1, one.GetProperty("versions")[0].GetProperty("version").GetInt32());
        var list = await _alice.GetFromJsonAsync<JsonElement>("/api/workflows?state=Published", Ct);
        Assert.Equal(["expense-approval"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.Empty((await _alice.GetFromJsonAsync<JsonElement>("/api/workflows?state=Draft", Ct)).GetProperty("items").EnumerateArray());

        await ProblemAssert.IsProblemAsync(await _bob.GetAsync("/api/workflows/expense-approval", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.PostAsync("/api/workflows/expense-approval/publish", null, Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await _alice.DeleteAsync("/api/workflows/expense-approval", Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/workflows/expense-approval", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnInvalidDefinition_Answers400WithEveryErrorByPathAndLine_AndStoresNothing()
    {
        const string broken = """
            id: broken
            name: Broken
            steps:
              - {id: a, set: {x: "${ input. }"}}
              - {id: a, delay: soon}
              - {id: c, teleport: {}}
            """;

        var problem = await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/workflows/broken", Yaml(broken), Ct), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.EnumerateObject().Count() >= 3, errors.ToString());
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("$.steps[1]", StringComparison.Ordinal));
        Assert.Contains(errors.EnumerateObject(), e => e.Value[0].GetString()!.StartsWith("line ", StringComparison.Ordinal));
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/workflows/broken", Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BadRequests_Answer400_404_409_413_415()
    {
        var mismatch = await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/workflows/other-id", Yaml(Sample), Ct), HttpStatusCode.BadRequest);
        Assert.True(mismatch.GetProperty("errors").TryGetProperty("$.id", out _));
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/workflows/x", new StringContent(Sample, Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/workflows/-bad", Yaml(Sample), Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _alice.PutAsync("/api/workflows/huge", Yaml(new string('#', 1_100_000)), Ct), HttpStatusCode.RequestEntityTooLarge);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/workflows?state=Archived", Ct), HttpStatusCode.BadRequest);

        await _alice.PutAsync("/api/workflows/expense-approval", Yaml(Sample), Ct);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":1}"""), Ct), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/workflows/nope/executions", Json("""{"amount":1}"""), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Execution_ChecksItsInput_WaitsForApproval_ShowsItsSteps_AndCompletes()
    {
        await PublishSampleAsync();

        var invalid = await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":"lots"}"""), Ct), HttpStatusCode.BadRequest);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("$.amount", out _), invalid.ToString());

        var started = await _alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":250,"webhookUrl":"http://127.0.0.1:9/nowhere"}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        var waiting = await WaitForAsync(id, s => s.GetProperty("waitingFor").GetArrayLength() == 1);
        Assert.Equal("Running", waiting.GetProperty("runtimeStatus").GetString());
        Assert.Equal("expense-approval", waiting.GetProperty("workflowId").GetString());
        Assert.Equal(1, waiting.GetProperty("version").GetInt32());
        Assert.Equal(250, waiting.GetProperty("input").GetProperty("amount").GetInt32());
        var wait = waiting.GetProperty("waitingFor")[0];
        Assert.Equal("manager-approval", wait.GetProperty("name").GetString());
        Assert.Equal("object", wait.GetProperty("schema").GetProperty("type").GetString());
        await ProblemAssert.IsProblemAsync(await _bob.GetAsync($"/api/executions/{id}/steps", Ct), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Accepted, (await _alice.PostAsync($"/api/executions/{id}/events/manager-approval", Json("""{"approved":true}"""), Ct)).StatusCode);
        var done = await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed", TimeSpan.FromSeconds(60));

        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.True(done.GetProperty("output").GetProperty("approved").GetBoolean());
        Assert.False(done.GetProperty("output").GetProperty("notified").GetBoolean());
        var steps = (await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}/steps", Ct)).GetProperty("items");
        Assert.Equal(["classify", "decide", "approval", "recordDecision", "notify", "done"], steps.EnumerateArray().Select(s => s.GetProperty("stepId").GetString()));
        var notify = steps.EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "notify");
        Assert.Equal("Failed", notify.GetProperty("status").GetString());
        Assert.Equal(3, notify.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task ASmallExpense_CompletesAtOnce()
    {
        await PublishSampleAsync();

        var started = await _alice.PostAsync("/api/workflows/expense-approval/executions?instanceId=small-1", Json("""{"amount":20}"""), Ct);
        var done = await WaitForAsync("small-1", s => s.GetProperty("runtimeStatus").GetString() is "Completed" or "Failed");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("Completed", done.GetProperty("runtimeStatus").GetString());
        Assert.True(done.GetProperty("output").GetProperty("approved").GetBoolean());
        Assert.Empty(done.GetProperty("waitingFor").EnumerateArray());
        var again = await _alice.PostAsync("/api/workflows/expense-approval/executions?instanceId=small-1", Json("""{"amount":20}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
    }

    [Fact]
    public async Task IdempotencyKey_GivesTheSameExecutionAgain()
    {
        await PublishSampleAsync();

        var first = await StartWithKeyAsync("order-7");
        var again = await StartWithKeyAsync("order-7");
        var other = await StartWithKeyAsync("order-8");

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Templates_AreSaved_Listed_AndMakeNewDrafts()
    {
        await PublishSampleAsync();

        var saved = await _alice.PostAsync("/api/workflows/expense-approval/template", Json("""{"name":"Approvals","category":"finance","description":"d","isPublic":true,"tags":["money"]}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, saved.StatusCode);
        var templateId = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("templateId").GetString()!;
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/workflows/expense-approval/template", Json("""{"category":"x"}"""), Ct), HttpStatusCode.BadRequest);

        var visible = await _bob.GetFromJsonAsync<JsonElement>("/api/templates?scope=public&category=finance", Ct);
        Assert.Equal([templateId], visible.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("templateId").GetString()));
        var created = await _bob.PostAsync($"/api/templates/{templateId}/workflows", Json("""{"workflowId":"bobs-approvals","name":"Bob's approvals"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var copy = await _bob.GetFromJsonAsync<JsonElement>("/api/workflows/bobs-approvals", Ct);
        Assert.Equal("Bob's approvals", copy.GetProperty("name").GetString());
        Assert.Equal("Draft", copy.GetProperty("state").GetString());
        var usage = await _alice.GetFromJsonAsync<JsonElement>("/api/templates?scope=mine", Ct);
        Assert.Equal(1, usage.GetProperty("items")[0].GetProperty("usageCount").GetInt32());
    }

    private async Task<string> StartWithKeyAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflows/expense-approval/executions") { Content = Json("""{"amount":5}""") };
        request.Headers.Add("Idempotency-Key", key);
        var response = await _alice.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private async Task PublishSampleAsync()
    {
        Assert.Equal(HttpStatusCode.Created, (await _alice.PutAsync("/api/workflows/expense-approval", Yaml(Sample), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _alice.PostAsync("/api/workflows/expense-approval/publish", null, Ct)).StatusCode);
    }

    private Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition, TimeSpan? timeout = null) =>
        _alice.WaitForExecutionAsync(id, condition, timeout);

    private static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
