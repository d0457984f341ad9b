using FunctionsFlow.Durable.AzureStorage;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Host.Dashboard;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Schedules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Host.Tests.FunctionApp;

/// <summary>What <c>dotnet publish src/FunctionsFlow.Host</c> lays out is a complete Function App: the executable, the
/// repository's <c>host.json</c>, and a valid <c>function.json</c> per function that reaches every route.</summary>
public sealed class FunctionAppLayoutTests(PublishedFunctionApp app, AzuriteFixture azurite) : IClassFixture<PublishedFunctionApp>
{
    private static readonly string[] TriggerTypes = ["httpTrigger", "timerTrigger", "queueTrigger"];

    [Fact]
    public void HostJson_IsTheRepositoryOnes_AndNamesAPublishedExecutable()
    {
        var handler = app.HostJson.GetProperty("customHandler");
        var executable = handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;

        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "host.json")), File.ReadAllText(Path.Combine(app.Folder, "host.json")));
        Assert.Equal("2.0", app.HostJson.GetProperty("version").GetString());
        Assert.True(handler.GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.True(File.Exists(Path.Combine(app.Folder, executable)) || File.Exists(Path.Combine(app.Folder, executable + ".exe")), $"{executable} is not in the publish folder.");
        Assert.True(File.Exists(Path.Combine(app.Folder, executable + ".dll")));
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", app.HostJson.GetProperty("extensionBundle").GetProperty("id").GetString());
    }

    [Fact]
    public void HostJson_LeavesPoisonMessagesToTheEngine()
    {
        // The Functions host would move a message to its own "-poison" queue past this count; the engine's limit
        // (doubled under Functions) must come first.
        var hostLimit = app.HostJson.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();

        Assert.True(hostLimit > new FunctionsFlow.Durable.Worker.DurableWorkerOptions().MaxDequeueCount * 2);
    }

    [Fact]
    public void EveryFunction_HasExactlyOneTrigger_OfAKnownType()
    {
        Assert.NotEmpty(app.Functions);
        foreach (var (name, json) in app.Functions)
        {
            Assert.Matches("^[a-z][a-z0-9-]*$", name);
            var bindings = json.GetProperty("bindings").EnumerateArray().ToList();
            var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            Assert.Contains(trigger.GetProperty("type").GetString(), TriggerTypes);
            Assert.Equal("in", trigger.GetProperty("direction").GetString());
            Assert.All(bindings, b => Assert.False(string.IsNullOrEmpty(b.GetProperty("name").GetString())));
        }
    }

    [Fact]
    public void HttpFunctions_AreAnonymous_ApiGroupsTakeEveryMethod_DashboardPagesOnlyReads()
    {
        Assert.Equal("", app.HostJson.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        foreach (var name in app.OfType("httpTrigger"))
        {
            var trigger = app.Trigger(name);
            Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
            var route = trigger.GetProperty("route").GetString()!;
            var methods = trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ToList();
            if (name.StartsWith("dashboard", StringComparison.Ordinal))
            {
                Assert.DoesNotContain("api/", route, StringComparison.Ordinal);
                Assert.Equal(["get", "head"], methods);
            }
            else
            {
                Assert.Contains(route, new[] { $"api/{name}/{{*rest}}", $"api/{name}.json" }); // a group, or one document
                Assert.Equal(["get", "post", "put", "patch", "delete"], methods);
            }

            var output = Assert.Single(app.Functions[name].GetProperty("bindings").EnumerateArray(), b => b.GetProperty("direction").GetString() == "out");
            Assert.Equal("http", output.GetProperty("type").GetString());
        }
    }

    [Fact]
    public void TimerFunctions_RunTheHeartbeatAndTheSuspensionUpkeep_OnSixFieldSchedules()
    {
        Assert.Equal(["heartbeat", "suspension-maintenance"], app.OfType("timerTrigger"));
        foreach (var name in app.OfType("timerTrigger"))
        {
            var schedule = app.Trigger(name).GetProperty("schedule").GetString()!;
            Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
            var next = CronExpression.Parse(schedule).GetNextOccurrence(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc);
            Assert.True(next - DateTimeOffset.UnixEpoch <= TimeSpan.FromMinutes(1), $"{name} runs at least every minute.");
        }
    }

    [Theory]
    [InlineData("FunctionsFlow")]
    [InlineData("Hub42")]
    public void QueueFunctions_ResolveToTheTaskHubsControlAndWorkItemQueues(string taskHub)
    {
        // What the Functions host does with a queue trigger: %name% is read from its configuration, in which the app
        // setting FunctionsFlow__TaskHub is FunctionsFlow:TaskHub, and the result is lowercased.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [HostSettings.TaskHub] = taskHub })
            .Build();
        var names = new TaskHubNames(taskHub);

        var queues = app.OfType("queueTrigger").Select(name =>
        {
            var trigger = app.Trigger(name);
            Assert.Equal(HostSettings.Storage, trigger.GetProperty("connection").GetString());
            return ResolveAppSettings(trigger.GetProperty("queueName").GetString()!, configuration).ToLowerInvariant();
        });

        Assert.Equal([names.ControlQueue, names.WorkItemQueue], queues.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task HttpFunctions_CoverEveryRouteTheHostMaps()
    {
        await using var host = new HostFactory(azurite);
        // The API and the dashboard's pages; the custom handler's own invocation routes (POST /{function}) are called by
        // the Functions host directly, not through an HTTP trigger.
        var routes = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api", StringComparison.Ordinal)
                || e.RoutePattern.RawText == "/"
                || DashboardSetup.Sections.Any(section => e.RoutePattern.RawText!.StartsWith($"/{section}/", StringComparison.Ordinal)))
            .Select(e => (Pattern: e.RoutePattern.RawText!, Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []))
            .ToList();

        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.All(route.Methods, method => AssertCovered(method, route.Pattern)));
    }

    [Theory]
    [InlineData("GET", "/api/health")]
    [InlineData("GET", "/api/health/live")]
    [InlineData("POST", "/api/resume/{key}")]
    [InlineData("GET", "/api/resume/{key}")]
    [InlineData("POST", "/api/admin/emergency")]
    [InlineData("DELETE", "/api/admin/emergency")]
    [InlineData("POST", "/api/schedules/{id}/pause")]
    [InlineData("PUT", "/api/connections/{name}")]
    [InlineData("PUT", "/api/me/settings")]
    [InlineData("PATCH", "/api/variables/{scope}")]
    [InlineData("GET", "/")]
    [InlineData("HEAD", "/")]
    [InlineData("GET", "/assets/app.js")]
    [InlineData("GET", "/executions/exp-2")]
    [InlineData("GET", "/health")]
    public void HttpFunctions_CoverTheRoutesOfTheApiContract(string method, string route) => AssertCovered(method, route);

    private void AssertCovered(string method, string pattern)
    {
        var path = pattern == "/" ? pattern : pattern.TrimEnd('/');
        var covering = app.OfType("httpTrigger").Where(name =>
        {
            var trigger = app.Trigger(name);
            var template = "/" + trigger.GetProperty("route").GetString()!.Trim('/');
            var catchAll = template.EndsWith("/{*rest}", StringComparison.Ordinal);
            var prefix = catchAll ? template[..^"/{*rest}".Length] : template;
            return (path == prefix || (catchAll && path.StartsWith(prefix + "/", StringComparison.Ordinal))) &&
                   trigger.GetProperty("methods").EnumerateArray().Any(m => string.Equals(m.GetString(), method, StringComparison.OrdinalIgnoreCase));
        });

        Assert.True(covering.Any(), $"No HTTP function forwards {method} {pattern}.");
    }

    /// <summary>Replaces each <c>%name%</c> by the configuration value, as the Functions host's name resolver does.</summary>
    private static string ResolveAppSettings(string value, IConfiguration configuration)
    {
        var parts = value.Split('%');
        Assert.True(parts.Length % 2 == 1, $"Unbalanced % in '{value}'.");
        return string.Concat(parts.Select((part, i) => i % 2 == 0 ? part : configuration[part] ?? throw new InvalidOperationException($"No app setting '{part}'.")));
    }
}
