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
