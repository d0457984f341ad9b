using FunctionsFlow.Durable.Worker;
using FunctionsFlow.Storage;
using FunctionsFlow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FunctionsFlow.Host.Tests;

/// <summary>The real host in memory, on the shared Azurite, with a task hub of its own.</summary>
/// <remarks>With a <paramref name="clock"/> the app's time is the test's (storage requests keep the real time), and
/// the worker hides timer messages for at most 200 ms so it notices when the test moves the clock.</remarks>
public sealed class HostFactory(
    AzuriteFixture azurite,
    string environment = "Development",
    IDictionary<string, string?>? settings = null,
    ManualTimeProvider? clock = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public string TaskHub { get; } = AzuriteFixture.NewName("hub");

    /// <summary>A client whose requests name <paramref name="user"/> (and roles) in the development headers.</summary>
    public HttpClient CreateClientFor(string? user, string? roles = null)
    {
        var client = CreateClient();
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-FunctionsFlow-User", user);
        }

        if (roles is not null)
        {
            client.DefaultRequestHeaders.Add("X-FunctionsFlow-Roles", roles);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
        builder.UseSetting("FunctionsFlow:TaskHub", TaskHub);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton(sp => new StorageClientFactory(sp.GetRequiredService<StorageAccount>(), new StorageClientOptions { TimeProvider = TimeProvider.System }));
                services.AddSingleton(new DurableWorkerOptions
                {
                    MinPollInterval = TimeSpan.FromMilliseconds(2),
                    MaxPollInterval = TimeSpan.FromMilliseconds(20),
                    MaxTimerHop = TimeSpan.FromMilliseconds(200),
                });
            });
        }
    }
}
