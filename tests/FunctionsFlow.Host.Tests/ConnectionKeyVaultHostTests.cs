using System.Net;
using System.Text;
using Azure.Security.KeyVault.Secrets;
using FunctionsFlow.Host.Configuration;
using FunctionsFlow.Testing;
using FunctionsFlow.Testing.Fakes;
using FunctionsFlow.Workflows.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FunctionsFlow.Host.Tests;

/// <summary>Which secret store the host uses: Key Vault when <c>FunctionsFlow:KeyVault:Uri</c> is set (here the fake
/// vault, reached by the real <see cref="SecretClient"/>), the local encrypted store in development, and none outside
/// it without an encryption key. The host says which at start.</summary>
public sealed class ConnectionKeyVaultHostTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithAVault_SecretsGoToKeyVault_AsVersionsWithContentTypeTagsAndExpiry_AndDeletesAreSoft()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        var logs = new CapturingLoggerProvider();
        await using var host = new HostFactory(
            azurite,
            settings: new Dictionary<string, string?> { [HostSettings.KeyVaultUri] = vault.VaultUri.ToString() },
            services: s => s.AddSingleton(vault.CreateClient()).AddSingleton<ILoggerProvider>(logs));
        using var alice = host.CreateClientFor("alice");

        var put = await alice.PutAsync("/api/connections/crm", Json("""
            {"type":"oauth2","accessToken":"kv-access-1","refreshToken":"kv-refresh-1","clientSecret":"kv-client-1",
             "tokenEndpoint":"https://login.example.com/token","clientId":"app","expiresAt":"2099-01-01T00:00:00Z"}
            """), Ct);

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Contains(logs.Messages, m => m.Contains($"Connections keep their secrets in Azure Key Vault {vault.VaultUri}", StringComparison.Ordinal));
        var credential = Assert.Single(vault.VersionsOf(ConnectionNames.SecretName(host.TaskHub, "alice", "crm", ConnectionSecretPart.Credential)));
        var client = Assert.Single(vault.VersionsOf(ConnectionNames.SecretName(host.TaskHub, "alice", "crm", ConnectionSecretPart.ClientSecret)));
        Assert.Equal(("application/json", "text/plain"), (credential.ContentType, client.ContentType));
        Assert.Contains("kv-refresh-1", credential.Value, StringComparison.Ordinal);
        Assert.Equal("kv-client-1", client.Value);
        Assert.Equal((host.TaskHub, "oauth2", "credential"), (credential.Tags["functionsflow-task-hub"], credential.Tags["connection-type"], credential.Tags["connection-part"]));
        Assert.NotNull(credential.ExpiresOn);
        var stored = await azurite.CreateFactory().EverythingStoredAsync(host.TaskHub, Ct);
        Assert.DoesNotContain("kv-", stored, StringComparison.Ordinal);
        Assert.Empty(await azurite.CreateFactory().ListTablesAsync(host.TaskHub + "Secrets", Ct).ToListAsync(Ct));

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync("/api/connections/crm", Ct)).StatusCode);
        Assert.All(vault.VersionsOf(ConnectionNames.SecretName(host.TaskHub, "alice", "crm", ConnectionSecretPart.Credential)), v => Assert.True(v.Deleted));

        // The same name again: the vault recovers the soft-deleted secret and adds a version.
        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsync("/api/connections/crm", Json("""{"type":"oauth2","accessToken":"kv-access-2"}"""), Ct)).StatusCode);
        Assert.Equal(2, vault.VersionsOf(ConnectionNames.SecretName(host.TaskHub, "alice", "crm", ConnectionSecretPart.Credential)).Count);
        Assert.Contains(vault.Requests, r => r.Method == "POST" && r.Path.EndsWith("/recover", StringComparison.Ordinal));
        Assert.All(vault.VersionsOf(ConnectionNames.SecretName(host.TaskHub, "alice", "crm", ConnectionSecretPart.ClientSecret)), v => Assert.True(v.Deleted));
    }

    [Fact]
    public async Task WithAVaultThatThrottles_ThePutWaitsItOut()
    {
        await using var vault = await FakeKeyVault.StartAsync();
        await using var host = new HostFactory(
            azurite,
            settings: new Dictionary<string, string?> { [HostSettings.KeyVaultUri] = vault.VaultUri.ToString() },
            services: s => s.AddSingleton(vault.CreateClient()));
        using var alice = host.CreateClientFor("alice");
        vault.FailNext(2);

        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"kv-key"}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task InDevelopment_WithoutAVault_TheLocalStoreIsUsed_AndSaidSo()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = new HostFactory(azurite, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var alice = host.CreateClientFor("alice");

        Assert.Equal(HttpStatusCode.OK, (await alice.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"local-key"}"""), Ct)).StatusCode);

        Assert.Contains(logs.Messages, m => m.Contains("Connections keep their secrets in the local encrypted store", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OutsideDevelopment_WithNeitherVaultNorEncryptionKey_ConnectionsAreRefusedNamingTheSettings()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = new HostFactory(azurite, "Production", new Dictionary<string, string?> { ["FunctionsFlow:Auth:Mode"] = "AppService" }, services: s => s.AddSingleton<ILoggerProvider>(logs));
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            """{"auth_typ":"aad","claims":[{"typ":"http://schemas.microsoft.com/identity/claims/objectidentifier","val":"alice"}]}""")));

        var problem = await ProblemAssert.IsProblemAsync(await client.PutAsync("/api/connections/billing", Json("""{"type":"apiKey","apiKey":"k"}"""), Ct), HttpStatusCode.ServiceUnavailable);

        Assert.Contains(HostSettings.KeyVaultUri, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(logs.Messages, m => m.Contains("Connections cannot be used", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVaultUriThatIsNotHttps_StopsTheStart_NamingTheSetting()
    {
        await using var app = FunctionsFlowApp.Build(
            ["--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", azurite.ConnectionString, "--FunctionsFlow:TaskHub", AzuriteFixture.NewName("hub"), $"--{HostSettings.KeyVaultUri}", "http://vault.example"]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));

        Assert.Contains(HostSettings.KeyVaultUri, error.Message, StringComparison.Ordinal);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
