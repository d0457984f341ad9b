using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Host.Operations;
using FunctionsFlow.Storage;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Host.Tests;

/// <summary>Emergency mode, the heartbeat and <c>GET /api/health</c> through the real host on Azurite.</summary>
public sealed class OperationsTests(AzuriteFixture azurite)
{
    private const string Quick = """
        id: quick
        name: Quick
        steps:
          - {id: done, return: {ok: true}}
        """;

    private const string Failing = """
        id: failing
        name: Failing
        steps:
          - {id: no, fail: {message: "Always fails", code: always}}
        """;

    private const string Slow = """
        id: slow
        name: Waits, with a timeout
        timeout: PT1H
        steps:
          - {id: wait, waitForInput: {name: go}}
        """;

    private static readonly string Sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "expense-approval.yaml"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Emergency_RefusesStarts_DispatchesNothing_AndLiftingFinishesEveryExecutionWhereItStopped()
    {
        using var webhook = new TestWebServer();
        await using var host = new HostFactory(azurite);
        using var alice = host.CreateClientFor("alice");
        using var admin = host.CreateClientFor("root", "admin");
        await PublishAsync(alice, "expense-approval", Sample, "application/yaml");
        var waiting = await StartAsync(alice, "expense-approval", $$"""{"amount":500,"webhookUrl":"{{webhook.BaseUrl}}hook"}""");
        var status = await alice.WaitForExecutionAsync(waiting, s => s.GetProperty("waitingFor").GetArrayLength() == 1 && s.GetProperty("waitingFor")[0].TryGetProperty("resumeUri", out var uri) && uri.ValueKind == JsonValueKind.String);
        var link = status.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!;

        var on = await admin.PostAsync("/api/admin/emergency", Json("""{"reason":"A partner API is charging twice"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, on.StatusCode);
        var state = await on.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(state.GetProperty("active").GetBoolean());
        Assert.Equal("root", state.GetProperty("by").GetString());

        var refused = await alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":5}"""), Ct);
        var problem = await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("A partner API is charging twice", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        await ProblemAssert.IsProblemAsync(await alice.PostAsync($"/api/executions/{waiting}/restart", null, Ct), HttpStatusCode.ServiceUnavailable);

        // The webhook still takes the input (it is kept durably); the flow does not go on while the mode is on.
        var resumed = await host.CreateClientFor(null).PostAsync(link, Json("""{"approved":true}"""), Ct);
        Assert.True(resumed.StatusCode == HttpStatusCode.Accepted, await resumed.Content.ReadAsStringAsync(Ct));
        var observed = DateTime.UtcNow;
        while (DateTime.UtcNow - observed < TimeSpan.FromMilliseconds(750))
        {
            Assert.Equal("Running", (await alice.GetFromJsonAsync<JsonElement>($"/api/executions/{waiting}", Ct)).GetProperty("runtimeStatus").GetString());
            await Task.Delay(50, Ct);
        }

        Assert.Empty(webhook.Received);

        var off = await admin.DeleteAsync("/api/admin/emergency", Ct);
        Assert.False((await off.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("active").GetBoolean());
        var done = await alice.WaitForExecutionAsync(waiting, s => s.GetProperty("runtimeStatus").GetString() == "Completed", TimeSpan.FromSeconds(60));
        Assert.True(done.GetProperty("output").GetProperty("approved").GetBoolean());
        Assert.True(done.GetProperty("output").GetProperty("notified").GetBoolean());
        Assert.Single(webhook.Received);
        Assert.Equal(HttpStatusCode.Accepted, (await alice.PostAsync("/api/workflows/expense-approval/executions", Json("""{"amount":5}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task Emergency_IsAdminOnly_NeedsAReason_AndSurvivesARestart()
    {
        var settings = new Dictionary<string, string?>();
        string hub;
        await using (var first = new HostFactory(azurite))
        {
            hub = first.TaskHub;
            using var alice = first.CreateClientFor("alice");
            using var admin = first.CreateClientFor("root", "admin");
            await ProblemAssert.IsProblemAsync(await alice.PostAsync("/api/admin/emergency", Json("""{"reason":"x"}"""), Ct), HttpStatusCode.Forbidden);
            await ProblemAssert.IsProblemAsync(await alice.DeleteAsync("/api/admin/emergency", Ct), HttpStatusCode.Forbidden);
            var missing = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/emergency", Json("{}"), Ct), HttpStatusCode.BadRequest);
            Assert.True(missing.GetProperty("errors").TryGetProperty("$.reason", out _), missing.ToString());
            var blank = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/emergency", Json("""{"reason":"   "}"""), Ct), HttpStatusCode.BadRequest);
            Assert.True(blank.GetProperty("errors").TryGetProperty("$.reason", out _), blank.ToString());
            var unknown = await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/emergency", Json("""{"reason":"x","why":"y"}"""), Ct), HttpStatusCode.BadRequest);
            Assert.True(unknown.GetProperty("errors").TryGetProperty("$.why", out _), unknown.ToString());
            await ProblemAssert.IsProblemAsync(await admin.PostAsync("/api/admin/emergency", new StringContent("reason", Encoding.UTF8, "text/plain"), Ct), HttpStatusCode.UnsupportedMediaType);

            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/emergency", Json("""{"reason":"Deploying a fix"}"""), Ct)).StatusCode);
        }

        settings["FunctionsFlow:TaskHub"] = hub;
        await using var second = new HostFactory(azurite, settings: settings);
        using var bob = second.CreateClientFor("bob");
        await PublishAsync(bob, "quick", Quick, "application/yaml");
        await ProblemAssert.IsProblemAsync(await bob.PostAsync("/api/workflows/quick/executions", Json("{}"), Ct), HttpStatusCode.ServiceUnavailable);
        var health = await bob.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.True(health.GetProperty("emergency").GetProperty("active").GetBoolean());
        Assert.Equal("Deploying a fix", health.GetProperty("emergency").GetProperty("reason").GetString());
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.Contains(Alerts(health), a => a.Category == "emergency" && a.Level == "critical");

        using var admin2 = second.CreateClientFor("root", "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin2.DeleteAsync("/api/admin/emergency", Ct)).StatusCode);
        var id = await StartAsync(bob, "quick", "{}");
        await bob.WaitForExecutionAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
    }

    [Fact]
    public async Task Health_CountsByStatus_AndAlertsOnAStaleHeartbeat_AHighFailureRate_AndAGrowingPoisonQueue()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new HostFactory(azurite, clock: clock, settings: new Dictionary<string, string?>
        {
            ["FunctionsFlow:Health:FailureRateMinRuns"] = "3",
            ["FunctionsFlow:Health:FailureRate"] = "0.5",
        });
        using var alice = host.CreateClientFor("alice");
        await ProblemAssert.IsProblemAsync(await host.CreateClientFor(null).GetAsync("/api/health", Ct), HttpStatusCode.Unauthorized);
        var (quick, failed, slow) = await OneOfEachAsync(alice);
        var heartbeat = host.Services.GetRequiredService<Heartbeat>();

        await heartbeat.RunAsync(Ct);
        var health = await alice.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal(clock.GetUtcNow(), health.GetProperty("lastHeartbeat").GetDateTimeOffset());
        var counts = health.GetProperty("counts");
        Assert.Equal(1, counts.GetProperty("completed24h").GetInt32());
        Assert.Equal(1, counts.GetProperty("failed24h").GetInt32());
        Assert.Equal(1, counts.GetProperty("waitingForInput").GetInt32());
        Assert.Equal(0, counts.GetProperty("running").GetInt32());
        Assert.True(health.GetProperty("averageDurationMs").GetDouble() >= 0);
        Assert.False(health.GetProperty("emergency").GetProperty("active").GetBoolean());
        Assert.Empty(Alerts(health));

        // Two more failures: 3 of 4 finished failed, above the 50% threshold.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var id = await StartAsync(alice, "failing", "{}");
            await alice.WaitForExecutionAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Failed");
        }

        // A message set aside between two heartbeats.
        var names = new TaskHubNames(host.TaskHub);
        var factory = host.Services.GetRequiredService<StorageClientFactory>();
        await factory.GetQueueClient(names.PoisonQueue).SendMessageAsync("not a work item", cancellationToken: Ct);
        await heartbeat.RunAsync(Ct);

        health = await alice.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.Equal("Degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, QueueDepth(host.TaskHub, "poison"));
        Assert.Equal(0, QueueDepth(host.TaskHub, "workitems"));
        Assert.Contains(Alerts(health), a => a.Category == "failures" && a.Level == "warning" && a.Message.Contains("3 of the 4", StringComparison.Ordinal));
        Assert.Contains(Alerts(health), a => a.Category == "poison" && a.Level == "warning");

        clock.Advance(TimeSpan.FromMinutes(6));
        health = await alice.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.Contains(Alerts(health), a => a.Category == "heartbeat" && a.Level == "critical");

        // The poison queue did not grow since: its alert goes; the failures are still within 24 hours.
        await heartbeat.RunAsync(Ct);
        health = await alice.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.DoesNotContain(Alerts(health), a => a.Category is "poison" or "heartbeat");
        Assert.Contains(Alerts(health), a => a.Category == "failures");
    }

    [Fact]
    public async Task Heartbeat_TerminatesExecutionsPastTheirWorkflowsTimeout_OrFlagsThem_AndPurgesPastRetention()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new HostFactory(azurite, clock: clock, settings: new Dictionary<string, string?>
        {
            ["FunctionsFlow:Retention:Completed"] = "P1D",
            ["FunctionsFlow:Retention:Failed"] = "P7D",
        });
        using var alice = host.CreateClientFor("alice");
        var (quick, failed, slow) = await OneOfEachAsync(alice);
        var heartbeat = host.Services.GetRequiredService<Heartbeat>();

        var report = await heartbeat.RunAsync(Ct);
        Assert.Equal((0, 0), (report.Terminated, report.Purged));

        clock.Advance(TimeSpan.FromHours(2)); // past the workflow's PT1H
        report = await heartbeat.RunAsync(Ct);
        Assert.Equal(1, report.Terminated);
        var ended = await alice.WaitForExecutionAsync(slow, s => s.GetProperty("runtimeStatus").GetString() == "Terminated");
        Assert.Contains("timeout of PT1H", ended.GetRawText(), StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(2)); // past the completed retention, within the failed one
        report = await heartbeat.RunAsync(Ct);
        Assert.Equal(1, report.Purged); // the completed one; terminated ones are kept 30 days by default
        await ProblemAssert.IsProblemAsync(await alice.GetAsync($"/api/executions/{quick}", Ct), HttpStatusCode.NotFound);
        Assert.Equal("Terminated", (await alice.GetFromJsonAsync<JsonElement>($"/api/executions/{slow}", Ct)).GetProperty("runtimeStatus").GetString());
        Assert.Equal("Failed", (await alice.GetFromJsonAsync<JsonElement>($"/api/executions/{failed}", Ct)).GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task Heartbeat_WithTheFlagAction_LeavesOverdueExecutionsRunning_AndHealthCallsThemStuck()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new HostFactory(azurite, clock: clock, settings: new Dictionary<string, string?> { ["FunctionsFlow:Heartbeat:OverdueAction"] = "Flag" });
        using var alice = host.CreateClientFor("alice");
        await PublishAsync(alice, "slow", Slow, "application/yaml");
        var slow = await StartAsync(alice, "slow", "{}");
        await alice.WaitForExecutionAsync(slow, s => s.GetProperty("waitingFor").GetArrayLength() == 1);

        clock.Advance(TimeSpan.FromHours(2));
        var report = await host.Services.GetRequiredService<Heartbeat>().RunAsync(Ct);

        Assert.Equal((1, 0), (report.Stuck, report.Terminated));
        var health = await alice.GetFromJsonAsync<JsonElement>("/api/health", Ct);
        Assert.Contains(Alerts(health), a => a.Category == "stuck" && a.Message.StartsWith("1 executions", StringComparison.Ordinal));
        Assert.Equal("Running", (await alice.GetFromJsonAsync<JsonElement>($"/api/executions/{slow}", Ct)).GetProperty("runtimeStatus").GetString());
    }

    /// <summary>Publishes the three workflows and runs one of each: completed, failed, and waiting (with a timeout).</summary>
    private static async Task<(string Quick, string Failed, string Slow)> OneOfEachAsync(HttpClient alice)
    {
        await PublishAsync(alice, "quick", Quick, "application/yaml");
        await PublishAsync(alice, "failing", Failing, "application/yaml");
        await PublishAsync(alice, "slow", Slow, "application/yaml");
        var quick = await StartAsync(alice, "quick", "{}");
        var failed = await StartAsync(alice, "failing", "{}");
        var slow = await StartAsync(alice, "slow", "{}");
        await alice.WaitForExecutionAsync(quick, s => s.GetProperty("runtimeStatus").GetString() == "Completed");
        await alice.WaitForExecutionAsync(failed, s => s.GetProperty("runtimeStatus").GetString() == "Failed");
        await alice.WaitForExecutionAsync(slow, s => s.GetProperty("waitingFor").GetArrayLength() == 1);
        return (quick, failed, slow);
    }

    private static async Task PublishAsync(HttpClient client, string id, string source, string contentType)
    {
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync($"/api/workflows/{id}", new StringContent(source, Encoding.UTF8, contentType), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/workflows/{id}/publish", null, Ct)).StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient client, string workflowId, string input)
    {
        var started = await client.PostAsync($"/api/workflows/{workflowId}/executions", Json(input), Ct);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
    }

    private static List<(string Level, string Category, string Message)> Alerts(JsonElement health) =>
        [.. health.GetProperty("alerts").EnumerateArray().Select(a => (a.GetProperty("level").GetString()!, a.GetProperty("category").GetString()!, a.GetProperty("message").GetString()!))];

    /// <summary>The <c>functionsflow.queue.depth</c> gauge's value for one of the task hub's queues.</summary>
    private static long? QueueDepth(string taskHub, string queue)
    {
        long? value = null;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "FunctionsFlow.Host" && instrument.Name == "functionsflow.queue.depth")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, measurement, tags, _) =>
        {
            var t = tags.ToArray();
            if (t.Any(x => x.Key == "task_hub" && (string?)x.Value == taskHub) && t.Any(x => x.Key == "queue" && (string?)x.Value == queue))
            {
                value = measurement;
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return value;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
