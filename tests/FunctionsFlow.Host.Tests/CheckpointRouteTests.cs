using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary>Checkpoints of waiting flows through the real host on Azurite, with state encryption on.</summary>
public sealed class CheckpointRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Marker = "STATE-MARKER-19c4";

    private const string Definition = """
        id: note-approval
        name: Note approval
        steps:
          - {id: keep, set: {note: "${ input.note }"}}
          - id: approve
            waitForInput: {name: approve, timeout: P7D}
          - {id: done, return: {note: "${ vars.note }", answer: "${ steps.approve.output }"}}
        """;

    private HostFactory _host = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite, settings: new Dictionary<string, string?>
        {
            ["FunctionsFlow:Encryption:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["FunctionsFlow:Encryption:KeyId"] = "test-1",
        });
        _alice = _host.CreateClientFor("alice");
        Assert.Equal(HttpStatusCode.Created, (await _alice.PutAsync("/api/workflows/note-approval", new StringContent(Definition, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _alice.PostAsync("/api/workflows/note-approval/publish", null, Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AWaitingFlow_HasACheckpointOnlyItsOwnerReads_AndNeitherItsKeyNorItsStateIsStoredInClear()
    {
        var (id, link) = await StartWaitingAsync();

        var list = await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}/checkpoints", Ct);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("0001-approve", item.GetProperty("id").GetString());
        Assert.True(item.GetProperty("storedBytes").GetInt64() > 0);
        var checkpoint = await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}/checkpoints/0001-approve", Ct);
        Assert.Equal(Marker, checkpoint.GetProperty("state").GetProperty("vars").GetProperty("note").GetString());
        Assert.Equal("approve", checkpoint.GetProperty("state").GetProperty("stepId").GetString());
        var bob = _host.CreateClientFor("bob");
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/executions/{id}/checkpoints", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/executions/{id}/checkpoints/0001-approve", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync($"/api/executions/{id}/checkpoints/0009-nothing", Ct), HttpStatusCode.NotFound);

        var stored = await azurite.CreateFactory().EverythingStoredAsync(_host.TaskHub, Ct);
        Assert.Contains("note-approval", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(link[(link.LastIndexOf('/') + 1)..], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Marker, stored, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await _host.CreateClientFor(null).PostAsync(link, Json("""{"ok":true}"""), Ct)).StatusCode);
        var done = await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal(Marker, done.GetProperty("output").GetProperty("note").GetString());
        Assert.True(done.GetProperty("output").GetProperty("answer").GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Restart_FromACheckpoint_WaitsThereAgainWithANewLink_AndBadRestartsAreRefused()
    {
        var (id, link) = await StartWaitingAsync();
        var running = await _alice.PostAsync($"/api/executions/{id}/restart?fromCheckpoint=0001-approve", null, Ct);
        await ProblemAssert.IsProblemAsync(running, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.CreateClientFor(null).PostAsync(link, Json("""{"ok":false}"""), Ct)).StatusCode);
        await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");

        var invalid = await ProblemAssert.IsProblemAsync(await _alice.PostAsync($"/api/executions/{id}/restart?fromCheckpoint=a%2Fb", null, Ct), HttpStatusCode.BadRequest);
        Assert.Contains("fromCheckpoint", invalid.GetRawText(), StringComparison.Ordinal);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync($"/api/executions/{id}/restart?fromCheckpoint=0009-nothing", null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.CreateClientFor("bob").PostAsync($"/api/executions/{id}/restart?fromCheckpoint=0001-approve", null, Ct), HttpStatusCode.NotFound);

        var restarted = await _alice.PostAsync($"/api/executions/{id}/restart?fromCheckpoint=0001-approve", null, Ct);
        Assert.Equal(HttpStatusCode.Accepted, restarted.StatusCode);
        var newId = (await restarted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        var waiting = await WaitForAsync(newId, s => s.GetProperty("waitingFor").GetArrayLength() == 1 && s.GetProperty("waitingFor")[0].TryGetProperty("resumeUri", out var u) && u.ValueKind == JsonValueKind.String);
        var newLink = waiting.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!;
        Assert.NotEqual(link, newLink);
        Assert.Equal(HttpStatusCode.Accepted, (await _host.CreateClientFor(null).PostAsync(newLink, Json("""{"ok":true}"""), Ct)).StatusCode);
        var done = await WaitForAsync(newId, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.Equal(Marker, done.GetProperty("output").GetProperty("note").GetString());
        Assert.True(done.GetProperty("output").GetProperty("answer").GetProperty("ok").GetBoolean());
    }

    private async Task<(string Id, string Link)> StartWaitingAsync()
    {
        var started = await _alice.PostAsync("/api/workflows/note-approval/executions", Json($$"""{"note":"{{Marker}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var status = await WaitForAsync(id, s => s.GetProperty("waitingFor").GetArrayLength() == 1 && s.GetProperty("waitingFor")[0].TryGetProperty("resumeUri", out var u) && u.ValueKind == JsonValueKind.String);
        return (id, status.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!);
    }

    private Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition) => _alice.WaitForExecutionAsync(id, condition, TimeSpan.FromSeconds(60));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
