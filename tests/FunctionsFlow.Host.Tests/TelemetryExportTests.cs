using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FunctionsFlow.Host.Telemetry;
using FunctionsFlow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Host.Tests;

/// <summary>The OpenTelemetry SDK wiring with the Log exporter, through the real host on Azurite.</summary>
public sealed class TelemetryExportTests(AzuriteFixture azurite)
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "expense-approval.yaml"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLogExporter_WritesSpansAndMetrics_OfTheEngineStorageAndHttp_AndNeverAResumeKey()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = new HostFactory(azurite, settings: new Dictionary<string, string?> { ["FunctionsFlow:Telemetry:Exporter"] = "Log" }, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var alice = host.CreateClientFor("alice");
        Assert.Equal(HttpStatusCode.Created, (await alice.PutAsync("/api/workflows/expense-approval", new StringContent(Sample, Encoding.UTF8, "application/yaml"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.PostAsync("/api/workflows/expense-approval/publish", null, Ct)).StatusCode);
        var started = await alice.PostAsync("/api/workflows/expense-approval/executions", new StringContent("""{"amount":500,"webhookUrl":"http://127.0.0.1:9/x"}""", Encoding.UTF8, "application/json"), Ct);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var status = await alice.WaitForExecutionAsync(id, s => s.GetProperty("waitingFor").GetArrayLength() == 1 && s.GetProperty("waitingFor")[0].TryGetProperty("resumeUri", out var u) && u.ValueKind == JsonValueKind.String);
        var link = status.GetProperty("waitingFor")[0].GetProperty("resumeUri").GetString()!;
        var key = link[(link.LastIndexOf('/') + 1)..];
        Assert.Equal(HttpStatusCode.Accepted, (await host.CreateClientFor(null).PostAsync(link, new StringContent("""{"approved":true}""", Encoding.UTF8, "application/json"), Ct)).StatusCode);
        await alice.WaitForExecutionAsync(id, s => s.GetProperty("runtimeStatus").GetString() == "Completed");

        host.Services.GetRequiredService<TelemetryExport>().Flush();

        var lines = logs.Messages;
        Assert.Contains(lines, l => l.StartsWith("span orchestration functionsflow.workflow ", StringComparison.Ordinal) && l.Contains($"functionsflow.instance_id={id}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("span activity functionsflow.http ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("span storage ", StringComparison.Ordinal) && l.Contains("url.path=/", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("span POST /api/resume/{key}", StringComparison.Ordinal) && l.Contains("http.response.status_code=202", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("metric functionsflow.episodes ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("metric functionsflow.resumes 1 ", StringComparison.Ordinal) && l.Contains("outcome=resumed", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("FunctionsFlow:Telemetry:Exporter", "Otlp")]
    [InlineData("FunctionsFlow:Telemetry:SamplingRatio", "2")]
    [InlineData("FunctionsFlow:Telemetry:MetricsInterval", "soon")]
    public async Task ABadSetting_StopsTheStart_NamingIt(string setting, string value)
    {
        await using var host = new HostFactory(azurite, settings: new Dictionary<string, string?> { [setting] = value });
        var failure = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains(setting, failure.ToString(), StringComparison.Ordinal);
    }
}
