using FunctionsFlow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FunctionsFlow.Host.Tests;

/// <summary>The real host in memory, on the shared Azurite, with a task hub of its own.</summary>
public sealed class HostFactory(AzuriteFixture azurite, string environment = "Development", IDictionary<string, string?>? settings = null)
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
    }
}
