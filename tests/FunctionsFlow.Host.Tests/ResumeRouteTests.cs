using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Host.Tests;

/// <summary>The resume webhook <c>/api/resume/{key}</c> through the real host on Azurite.</summary>
public sealed class ResumeRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "expense-approval.yaml"));

    private HostFactory _host = null!;
    private HttpClient _alice = null!;
    private HttpClient _anonymous = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite);
        _alice = _host.CreateClientFor("alice");
        _anonymous = _host.CreateClientFor(null);
        Assert.Equal(HttpStatusCode.Created, (await _alice.PutAsync("/api/workflows/expense-approval", new StringContent(Sample, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _alice.PostAsync("/api/workflows/expense-approval/publish", null, Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheOwnerSeesTheLink_GetDescribesTheWait_AndAValidPostResumesOnce()
    {
        var (id, link) = await StartWaitingAsync();
        Assert.StartsWith("http://localhost/api/resume/", link, StringComparison.Ordinal);
        var bob = _host.CreateClientFor("bob");
        await ProblemAssert.IsProblemAsync(await bob.GetAsync($"/api/executions/{id}", Ct), HttpStatusCode.NotFound);

        var described = await _anonymous.GetFromJsonAsync<JsonElement>(link, Ct);
        Assert.Equal("manager-approval", described.GetProperty("name").GetString());
        Assert.Equal("object", described.GetProperty("schema").GetProperty("type").GetString());

        var resumed = await _anonymous.PostAsync(link, Json("""{"approved":true}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        Assert.Equal(id, (await resumed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("executionId").GetString());
        var done = await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.True(done.GetProperty("output").GetProperty("approved").GetBoolean());

        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync(link, Json("""{"approved":false}"""), Ct), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync(link, Ct), HttpStatusCode.Gone);
    }

    [Fact]
    public async Task BadInput_DoesNotConsumeTheKey()
    {
        var (id, link) = await StartWaitingAsync();

        var schema = await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync(link, Json("""{"approved":"yes"}"""), Ct), HttpStatusCode.BadRequest);
        Assert.True(schema.GetProperty("errors").TryGetProperty("$.approved", out _), schema.ToString());
        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync(link, Json("{\"approved\":"), Ct), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync(link, new StringContent("approved", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync(link, Json("\"" + new string('x', 1_100_000) + "\""), Ct), HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(HttpStatusCode.Accepted, (await _anonymous.PostAsync(link, Json("""{"approved":false}"""), Ct)).StatusCode);
        var done = await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        Assert.False(done.GetProperty("output").GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task UnknownAndMalformedKeys_Answer404()
    {
        var unknown = Convert.ToBase64String(new byte[32]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync($"/api/resume/{unknown}", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync($"/api/resume/{unknown}", Json("{}"), Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync("/api/resume/not-a-key", Json("{}"), Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwentyConcurrentResumes_ExactlyOneWins()
    {
        var (id, link) = await StartWaitingAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _anonymous.PostAsync(link, Json($$"""{"approved":{{(i % 2 == 0 ? "true" : "false")}}}"""), Ct)));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.Gone }));
        await WaitForAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
    }

    [Fact]
    public async Task Revoke_And_Rotate()
    {
        var (id, link) = await StartWaitingAsync();

        var rotated = await _alice.PostAsync($"/api/executions/{id}/waits/approval/rotate", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newLink = (await rotated.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("resumeUri").GetString()!;
        Assert.NotEqual(link, newLink);
        await ProblemAssert.IsProblemAsync(await _anonymous.GetAsync(link, Ct), HttpStatusCode.Gone);
        Assert.Equal(newLink, (await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct)).GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _alice.PostAsync($"/api/executions/{id}/waits/approval/revoke", null, Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _anonymous.PostAsync(newLink, Json("""{"approved":true}"""), Ct), HttpStatusCode.Gone);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync($"/api/executions/{id}/waits/approval/revoke", null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _host.CreateClientFor("bob").PostAsync($"/api/executions/{id}/waits/approval/rotate", null, Ct), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TooManyAttemptsOnOneKey_Answer429WithRetryAfter()
    {
        var unknown = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        HttpResponseMessage last = null!;
        for (var i = 0; i < 61; i++)
        {
            last = await _anonymous.GetAsync($"/api/resume/{unknown}", Ct);
        }

        await ProblemAssert.IsProblemAsync(last, HttpStatusCode.TooManyRequests);
        Assert.True(last.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task TheKey_IsNowhereInStorage()
    {
        var (_, link) = await StartWaitingAsync();
        var key = link[(link.LastIndexOf('/') + 1)..];
        var seen = await azurite.CreateFactory().EverythingStoredAsync(_host.TaskHub, Ct);

        Assert.Contains("manager-approval", seen, StringComparison.Ordinal);
        Assert.DoesNotContain(key, seen, StringComparison.Ordinal);
    }

    private async Task<(string Id, string Link)> StartWaitingAsync()
    {
        var started = await _alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":500,"webhookUrl":"http://127.0.0.1:9/x"}"""), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var status = await WaitForAsync(id, s => s.GetProperty("waitingFor").GetArrayLength() == 1 && s.GetProperty("waitingFor")[0].GetProperty("resumeUri").ValueKind == JsonValueKind.String);
        return (id, status.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!);
    }

    private Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition) => _alice.WaitForExecutionAsync(id, condition, TimeSpan.FromSeconds(60));

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task AResumeWhoseProcessDiedBeforeSending_IsSentByTheMaintenanceSweep()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new HostFactory(azurite, clock: clock, services: s => s.AddSingleton(new FunctionsFlow.Host.Configuration.SuspensionCleanupService.Cadence(TimeSpan.FromMilliseconds(100))));
        using var alice = host.CreateClientFor("alice");
        Assert.Equal(HttpStatusCode.Created, (await alice.PutAsync("/api/workflows/expense-approval", new StringContent(Sample, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("/api/workflows/expense-approval/publish", null, Ct)).StatusCode);
        var started = await alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":500,"webhookUrl":"http://127.0.0.1:9/x"}"""), Ct);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        string? link = null;
        await Eventually.TrueAsync(async () =>
        {
            var status = await alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct);
            link = status.GetProperty("waitingFor") is { ValueKind: JsonValueKind.Array } w && w.GetArrayLength() == 1 ? w[0].GetProperty("resumeUri").GetString() : null;
            return link is not null;
        }, "the flow waits with a link");

        // What a process that died right after claiming the key leaves behind: a used key, its input, nothing sent.
        var store = host.Services.GetRequiredService<FunctionsFlow.Workflows.Suspension.SuspensionStore>();
        var record = await store.FindAsync(FunctionsFlow.Workflows.Suspension.SuspensionKeys.HashOf(link![(link!.LastIndexOf('/') + 1)..]), Ct);
        Assert.True(await store.TryClaimAsync(record!, """{"approved":true}""", Ct));
        clock.Advance(TimeSpan.FromMinutes(2));

        await Eventually.TrueAsync(
            async () =>
            {
                clock.Advance(TimeSpan.FromSeconds(5)); // the notify step's retries wait on durable timers
                return (await alice.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct)).GetProperty("runtimeStatus").GetString() == "Completed";
            },
            "the sweep sends the input and the flow completes",
            TimeSpan.FromSeconds(60));
        Assert.True((await store.FindAsync(record!.Hash, Ct))!.Delivered);
    }
}
