using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Workflows.Tests.Connections;

/// <summary>A <see cref="ConnectionService"/> on its own task hub of the shared Azurite, with the local encrypted store
/// (behind a <see cref="CountingSecretStore"/>) and a manual clock.</summary>
internal sealed class ConnectionHarness : IDisposable
{
    private readonly HttpClient _http = new();

    private ConnectionHarness(AzuriteFixture azurite, ConnectionOptions? options)
    {
        var factory = azurite.CreateFactory();
        Store = new ConnectionStore(factory, TaskHub);
        Local = new LocalSecretStore(factory, TaskHub, Clock);
        Secrets = new CountingSecretStore(Local);
        Service = new ConnectionService(Store, Secrets, new OAuthTokenClient(_http), TaskHub, Clock, options);
    }

    public string TaskHub { get; } = AzuriteFixture.NewName("hub");

    public ManualTimeProvider Clock { get; } = new();

    public ConnectionStore Store { get; }

    public LocalSecretStore Local { get; }

    public CountingSecretStore Secrets { get; }

    public ConnectionService Service { get; }

    public static async Task<ConnectionHarness> CreateAsync(AzuriteFixture azurite, ConnectionOptions? options = null)
    {
        var harness = new ConnectionHarness(azurite, options);
        await harness.Store.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        await harness.Local.CreateIfNotExistsAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    /// <summary>An oauth2 connection whose tokens come from <paramref name="endpoint"/>, expiring in an hour.</summary>
    public Task<Connection> PutOAuthAsync(string name, FakeTokenEndpointInfo endpoint, TimeSpan? expiresIn = null, bool withAccessToken = true) =>
        Service.PutAsync("alice", name, new ConnectionDefinition
        {
            Type = ConnectionType.OAuth2,
            Secret = new ConnectionSecret { AccessToken = withAccessToken ? endpoint.Prefix + "-access-1" : null, RefreshToken = endpoint.Prefix + "-refresh-1" },
            ClientSecret = endpoint.ClientSecret,
            ClientId = endpoint.ClientId,
            TokenEndpoint = endpoint.Url,
            ExpiresAt = Clock.GetUtcNow() + (expiresIn ?? TimeSpan.FromHours(1)),
            Scopes = ["orders.read", "orders.write"],
        }, TestContext.Current.CancellationToken);

    public void Dispose() => _http.Dispose();
}

/// <summary>What <see cref="ConnectionHarness.PutOAuthAsync"/> needs of a token endpoint.</summary>
internal sealed record FakeTokenEndpointInfo(string Prefix, string ClientId, string? ClientSecret, Uri Url)
{
    public static FakeTokenEndpointInfo Of(Testing.Fakes.FakeTokenEndpoint endpoint) => new(endpoint.Prefix, endpoint.ClientId, endpoint.ClientSecret, endpoint.Url);
}

/// <summary>A secret store that counts what it is asked, and fails reads while told to.</summary>
internal sealed class CountingSecretStore(ISecretStore inner) : ISecretStore
{
    private int _reads;
    private int _writes;

    public int Reads => _reads;

    public int Writes => _writes;

    /// <summary>While set, reads fail as an unreachable vault does.</summary>
    public bool Unreachable { get; set; }

    public string Description => inner.Description;

    public Task<string> SetAsync(string name, SecretWrite secret, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        return inner.SetAsync(name, secret, cancellationToken);
    }

    public Task<StoredSecret?> GetAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return Unreachable ? throw new SecretStoreException(SecretStoreError.Unavailable, "The vault cannot be reached (test).") : inner.GetAsync(name, version, cancellationToken);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) => inner.DeleteAsync(name, cancellationToken);

    public Task<int> DisableVersionsExceptAsync(string name, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default) =>
        inner.DisableVersionsExceptAsync(name, keep, cancellationToken);
}
