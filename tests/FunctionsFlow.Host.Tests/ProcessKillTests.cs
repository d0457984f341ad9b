using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Host.Tests;

public sealed class ProcessKillTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillingTheHostMidDelayedGreeting_AndStartingItAgain_CompletesTheInstance()
    {
        var taskHub = AzuriteFixture.NewName("kill");
        string id;
        await using (var first = await HostProcess.StartAsync(azurite.ConnectionString, taskHub))
        {
            using var http = Client(first);
            var started = await http.PostAsync("/api/orchestrators/DelayedGreeting",
                new StringContent("""{"name":"Kim","delay":"PT2S"}""", Encoding.UTF8, "application/json"), Ct);
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
            await Eventually.TrueAsync(async () => (await HistoryTypesAsync(http, id)).Contains("TimerCreated"), "the durable timer exists");

            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(azurite.ConnectionString, taskHub);
        using var client = Client(second);
        JsonElement status = default;
        await Eventually.TrueAsync(async () =>
        {
            status = await client.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct);
            return status.GetProperty("runtimeStatus").GetString() == "Completed";
        }, "the instance completes after the restart", TimeSpan.FromSeconds(60));

        Assert.Equal("Hello Kim!", status.GetProperty("output").GetString());
        var types = await HistoryTypesAsync(client, id);
        Assert.Equal(1, types.Count(t => t == "TimerFired"));
        Assert.Equal(1, types.Count(t => t == "TaskCompleted"));
    }

    [Fact]
    public async Task AFlowWaitingForInput_IsResumedByItsLink_AfterTheHostWasKilled()
    {
        var taskHub = AzuriteFixture.NewName("killwait");
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "samples", "expense-approval.yaml"), Ct);
        string id;
        string link;
        await using (var first = await HostProcess.StartAsync(azurite.ConnectionString, taskHub))
        {
            using var http = Client(first);
            Assert.Equal(HttpStatusCode.Created, (await http.PutAsync("/api/workflows/expense-approval", new StringContent(sample, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/workflows/expense-approval/publish", null, Ct)).StatusCode);
            var started = await http.PostAsync("/api/workflows/expense-approval/executions",
                new StringContent("""{"amount":900,"webhookUrl":"http://127.0.0.1:9/x"}""", Encoding.UTF8, "application/json"), Ct);
            id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
            JsonElement status = default;
            await Eventually.TrueAsync(async () =>
            {
                status = await http.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct);
                return status.GetProperty("waitingFor") is { ValueKind: JsonValueKind.Array } w && w.GetArrayLength() == 1 && w[0].GetProperty("resumeUri").ValueKind == JsonValueKind.String;
            }, "the flow waits with a resume link");
            link = new Uri(status.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!).PathAndQuery;

            first.Kill();
        }

        await using var second = await HostProcess.StartAsync(azurite.ConnectionString, taskHub);
        using var anonymous = new HttpClient { BaseAddress = second.BaseAddress };
        var resumed = await anonymous.PostAsync(link, new StringContent("""{"approved":true}""", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);

        using var client = Client(second);
        JsonElement done = default;
        await Eventually.TrueAsync(async () =>
        {
            done = await client.GetFromJsonAsync<JsonElement>($"/api/executions/{id}", Ct);
            return done.GetProperty("runtimeStatus").GetString() == "Completed";
        }, "the flow completes after the restart", TimeSpan.FromSeconds(60));
        Assert.True(done.GetProperty("output").GetProperty("approved").GetBoolean());
    }

    private static HttpClient Client(HostProcess host)
    {
        var http = new HttpClient { BaseAddress = host.BaseAddress };
        http.DefaultRequestHeaders.Add("X-FunctionsFlow-User", "kim");
        return http;
    }

    private static async Task<List<string>> HistoryTypesAsync(HttpClient http, string id)
    {
        var history = await http.GetFromJsonAsync<JsonElement>($"/api/executions/{id}/history", Ct);
        return history.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("eventType").GetString()!).ToList();
    }
}
