using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary><c>/api/schedules</c> through the real host on Azurite, on a manual clock.</summary>
public sealed class ScheduleRouteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Counter = TestWorkflows.Echo("counter");

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private HostFactory _host = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _host = new HostFactory(azurite, clock: _clock);
        _alice = _host.CreateClientFor("alice");
        _bob = _host.CreateClientFor("bob");
        Assert.Equal(HttpStatusCode.Created, (await _alice.PutAsync("/api/workflows/counter", new StringContent(Counter, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _alice.PostAsync("/api/workflows/counter/publish", null, Ct)).StatusCode);
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Create_Run_List_Pause_Resume_Delete()
    {
        var created = await _alice.PostAsync("/api/schedules", Json("""
            {"id": "every-minute", "workflowId": "counter", "input": {"n": 3}, "interval": {"every": "PT1M"}, "overlap": "Allow"}
            """), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/schedules/every-minute", created.Headers.Location?.OriginalString);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("every-minute", body.GetProperty("id").GetString());
        Assert.Equal(At("08:01"), body.GetProperty("nextRunAt").GetDateTimeOffset());

        _clock.Advance(TimeSpan.FromMinutes(1));
        var ran = await WaitForAsync("every-minute", s => s.GetProperty("recentRuns").EnumerateArray().Any(r => r.TryGetProperty("executionStatus", out var st) && st.GetString() == "Completed"));
        var run = ran.GetProperty("recentRuns")[0];
        Assert.Equal((At("08:01"), "Started"), (run.GetProperty("dueAt").GetDateTimeOffset(), run.GetProperty("outcome").GetString()));
        var executionId = run.GetProperty("executionId").GetString()!;
        Assert.Equal(("Active", "PT1M", At("08:02")), (ran.GetProperty("status").GetString(), ran.GetProperty("interval").GetProperty("every").GetString(), ran.GetProperty("nextRunAt").GetDateTimeOffset()));
        Assert.False(ran.TryGetProperty("cron", out _));
        var execution = await _alice.GetFromJsonAsync<JsonElement>($"/api/executions/{executionId}", Ct);
        Assert.Equal(("counter", 3), (execution.GetProperty("workflowId").GetString(), execution.GetProperty("output").GetProperty("n").GetInt32()));
        await ProblemAssert.IsProblemAsync(await _bob.GetAsync($"/api/executions/{executionId}", Ct), HttpStatusCode.NotFound);

        var list = await _alice.GetFromJsonAsync<JsonElement>("/api/schedules", Ct);
        Assert.Equal(["every-minute"], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        Assert.False(list.GetProperty("items")[0].TryGetProperty("recentRuns", out _));
        Assert.Empty((await _bob.GetFromJsonAsync<JsonElement>("/api/schedules", Ct)).GetProperty("items").EnumerateArray());

        var paused = await _alice.PostAsync("/api/schedules/every-minute/pause", null, Ct);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var pausedBody = await paused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("Paused", JsonValueKind.Null), (pausedBody.GetProperty("status").GetString(), pausedBody.GetProperty("nextRunAt").ValueKind));
        _clock.Advance(TimeSpan.FromMinutes(5));
        var resumed = await (await _alice.PostAsync("/api/schedules/every-minute/resume", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("Active", At("08:07")), (resumed.GetProperty("status").GetString(), resumed.GetProperty("nextRunAt").GetDateTimeOffset()));

        Assert.Equal(HttpStatusCode.NoContent, (await _alice.DeleteAsync("/api/schedules/every-minute", Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/schedules/every-minute", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _alice.DeleteAsync("/api/schedules/every-minute", Ct), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await _alice.GetAsync($"/api/executions/{executionId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task RunsDueDuringAnEmergency_StartNothing_AndFollowTheCatchUpPolicyWhenItIsLifted()
    {
        using var admin = _host.CreateClientFor("root", "admin");
        Assert.Equal(HttpStatusCode.Created, (await _alice.PostAsync("/api/schedules", Json("""
            {"id": "during-emergency", "workflowId": "counter", "input": {"n": 1}, "interval": {"every": "PT1M"}, "catchUp": "Latest"}
            """), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/admin/emergency", Json("""{"reason": "maintenance"}"""), Ct)).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(5)); // five runs come due (08:01 to 08:05) while nothing is dispatched
        var observed = DateTime.UtcNow;
        while (DateTime.UtcNow - observed < TimeSpan.FromMilliseconds(500))
        {
            Assert.Empty((await _alice.GetFromJsonAsync<JsonElement>("/api/schedules/during-emergency", Ct)).GetProperty("recentRuns").EnumerateArray());
            await Task.Delay(50, Ct);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync("/api/admin/emergency", Ct)).StatusCode);

        var ran = await WaitForAsync("during-emergency", s => s.GetProperty("recentRuns").EnumerateArray().Any(r => r.GetProperty("outcome").GetString() == "Started"));
        var started = ran.GetProperty("recentRuns").EnumerateArray().Where(r => r.GetProperty("outcome").GetString() == "Started").ToList();
        Assert.Equal(At("08:05"), Assert.Single(started).GetProperty("dueAt").GetDateTimeOffset()); // Latest: the most recent missed run only
        Assert.Equal(At("08:06"), ran.GetProperty("nextRunAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Cron_InAZone_ShowsItsNextRun_AndAOnceScheduleThatRanCannotBePaused()
    {
        var cron = await _alice.PostAsync("/api/schedules", Json("""
            {"workflowId": "counter", "input": {"n": 1}, "cron": {"expression": "0 30 2 * * *", "timeZone": "Europe/Berlin"}, "catchUp": "None", "paused": true}
            """), Ct);
        var cronId = (await cron.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var view = await _alice.GetFromJsonAsync<JsonElement>($"/api/schedules/{cronId}", Ct);
        Assert.Equal(("Paused", "Europe/Berlin", "None", "P1D"), (view.GetProperty("status").GetString(), view.GetProperty("cron").GetProperty("timeZone").GetString(), view.GetProperty("catchUp").GetString(), view.GetProperty("catchUpWindow").GetString()));
        var resumed = await (await _alice.PostAsync($"/api/schedules/{cronId}/resume", null, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero), resumed.GetProperty("nextRunAt").GetDateTimeOffset());

        var once = await _alice.PostAsync("/api/schedules", Json("""{"id": "once", "workflowId": "counter", "input": {"n": 1}, "once": {"at": "2026-03-01T08:30:00Z"}}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, once.StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(30));
        await WaitForAsync("once", s => s.GetProperty("status").GetString() == "Completed");

        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/schedules/once/pause", null, Ct), HttpStatusCode.Conflict);
    }

    /// <summary>A body, the status expected, and the member of <c>errors</c> it must name (or null for none).</summary>
    public static TheoryData<string, HttpStatusCode, string?> BadBodies { get; } = new()
    {
        { """{"workflowId": "counter", "input": {"n": 1}}""", HttpStatusCode.BadRequest, "$" },
        { """{"workflowId": "counter", "input": {"n": 1}, "cron": {"expression": "0 0 24 * * *"}}""", HttpStatusCode.BadRequest, "$.cron.expression" },
        { """{"workflowId": "counter", "input": {"n": 1}, "cron": {"expression": "* * * * *", "timeZone": "Nowhere/Else"}}""", HttpStatusCode.BadRequest, "$.cron.timeZone" },
        { """{"workflowId": "counter", "input": {"n": 1}, "interval": {"every": "soon"}}""", HttpStatusCode.BadRequest, "$.interval.every" },
        { """{"workflowId": "counter", "input": {"n": 1}, "once": {"at": "2026-03-01T07:00:00Z"}}""", HttpStatusCode.BadRequest, "$.once.at" },
        { """{"workflowId": "counter", "input": {"n": 1}, "interval": {"every": "PT1M"}, "overlap": "Sometimes"}""", HttpStatusCode.BadRequest, "$.overlap" },
        { """{"workflowId": "counter", "input": {"n": "x"}, "interval": {"every": "PT1M"}}""", HttpStatusCode.BadRequest, "$.input.n" },
        { """{"workflowId": "nothing", "interval": {"every": "PT1M"}}""", HttpStatusCode.NotFound, null },
        { """[1, 2]""", HttpStatusCode.BadRequest, "$" },
        { """{"workflowId": """, HttpStatusCode.BadRequest, "$" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task BadRequests_AnswerProblemDetails_NamingTheField(string body, HttpStatusCode status, string? field)
    {
        var problem = await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/schedules", Json(body), Ct), status);

        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        }

        Assert.Empty((await _alice.GetFromJsonAsync<JsonElement>("/api/schedules", Ct)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Conflicts_AnotherUsersSchedule_AndOtherMediaTypes()
    {
        Assert.Equal(HttpStatusCode.Created, (await _alice.PutAsync("/api/workflows/draft", new StringContent(TestWorkflows.Echo("draft"), Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/schedules", Json("""{"workflowId": "draft", "interval": {"every": "PT1M"}}"""), Ct), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Created, (await _alice.PostAsync("/api/schedules", Json("""{"id": "mine", "workflowId": "counter", "input": {"n": 1}, "interval": {"every": "PT1H"}}"""), Ct)).StatusCode);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/schedules", Json("""{"id": "mine", "workflowId": "counter", "input": {"n": 1}, "interval": {"every": "PT1H"}}"""), Ct), HttpStatusCode.Conflict);
        await ProblemAssert.IsProblemAsync(await _alice.PostAsync("/api/schedules", new StringContent("workflowId: counter", Encoding.UTF8, "application/yaml"), Ct), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await _alice.GetAsync("/api/schedules?top=0", Ct), HttpStatusCode.BadRequest);

        await ProblemAssert.IsProblemAsync(await _bob.GetAsync("/api/schedules/mine", Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.PostAsync("/api/schedules/mine/pause", null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.PostAsync("/api/schedules/mine/resume", null, Ct), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await _bob.DeleteAsync("/api/schedules/mine", Ct), HttpStatusCode.NotFound);
        Assert.Equal("Active", (await _alice.GetFromJsonAsync<JsonElement>("/api/schedules/mine", Ct)).GetProperty("status").GetString());
    }

    private static DateTimeOffset At(string time) => new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.Parse(time, System.Globalization.CultureInfo.InvariantCulture);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<JsonElement> WaitForAsync(string id, Func<JsonElement, bool> condition)
    {
        JsonElement schedule = default;
        await Eventually.TrueAsync(
            async () => condition(schedule = await _alice.GetFromJsonAsync<JsonElement>($"/api/schedules/{id}", Ct)),
            $"schedule {id} reaches the expected state");
        return schedule;
    }
}
