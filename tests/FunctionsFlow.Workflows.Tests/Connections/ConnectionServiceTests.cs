using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Testing;
using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Workflows.Tests.Connections;

/// <summary><see cref="ConnectionService"/> on Azurite with the local store: put, list, get and delete; the credential
/// each type gives; expiry; the cache; and the record of use.</summary>
public sealed class ConnectionServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ConnectionHarness _harness = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConnectionService Service => _harness.Service;

    public async ValueTask InitializeAsync() => _harness = await ConnectionHarness.CreateAsync(azurite, ConnectionOptions.Default with { CacheCapacity = 2 });

    public ValueTask DisposeAsync()
    {
        _harness.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Put_StoresMetadataInTheTableAndSecretsInTheStore_OnlyForItsOwner()
    {
        var put = await Service.PutAsync("alice", "billing", ApiKey("key-4f1a"), Ct);

        Assert.Equal((ConnectionType.ApiKey, ConnectionStatus.Active, "X-Billing-Key"), (put.Type, put.Status, put.Header));
        Assert.Equal(ConnectionNames.SecretName(_harness.TaskHub, "alice", "billing", ConnectionSecretPart.Credential), put.SecretName);
        Assert.Equal(["billing"], (await Service.ListAsync("alice", cancellationToken: Ct)).Items.Select(c => c.Name));
        Assert.Empty((await Service.ListAsync("bob", cancellationToken: Ct)).Items);
        Assert.Null(await Service.GetAsync("bob", "billing", Ct));
        await Assert.ThrowsAsync<ConnectionUnusableException>(() => Service.AcquireAsync("bob", "billing", Ct));

        var stored = await azurite.CreateFactory().EverythingStoredAsync(_harness.TaskHub, Ct);
        Assert.Contains("X-Billing-Key", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("key-4f1a", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Credentials_OfEachType_AreTheRightHeaderOrUrl_AndMaskTheirSecrets()
    {
        await Service.PutAsync("alice", "key", ApiKey("key-4f1a"), Ct);
        await Service.PutAsync("alice", "basic", new ConnectionDefinition { Type = ConnectionType.Basic, Secret = new ConnectionSecret { Username = "svc", Password = "pa55-word" } }, Ct);
        await Service.PutAsync("alice", "hook", new ConnectionDefinition { Type = ConnectionType.Webhook, Secret = new ConnectionSecret { Url = "https://hooks.example.com/T000/B000/XXXX" } }, Ct);
        await Service.PutAsync("alice", "token", new ConnectionDefinition { Type = ConnectionType.OAuth2, Secret = new ConnectionSecret { AccessToken = "at-77" } }, Ct);

        var key = await Service.AcquireAsync("alice", "key", Ct);
        var basic = await Service.AcquireAsync("alice", "basic", Ct);
        var hook = await Service.AcquireAsync("alice", "hook", Ct);
        var token = await Service.AcquireAsync("alice", "token", Ct);

        Assert.Equal([new("X-Billing-Key", "key-4f1a")], key.Headers);
        Assert.Equal([new("Authorization", "Basic c3ZjOnBhNTUtd29yZA==")], basic.Headers);
        Assert.Equal((new Uri("https://hooks.example.com/T000/B000/XXXX"), 0), (hook.Url, hook.Headers.Count));
        Assert.Equal([new("Authorization", "Bearer at-77")], token.Headers);
        Assert.Equal("[redacted] [redacted]", basic.Redactor.Redact("c3ZjOnBhNTUtd29yZA== pa55-word"));
        Assert.DoesNotContain("XXXX", hook.ToString() + token + key + basic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_ConnectionThatCannotRefresh_IsUnusable_AndShownExpired()
    {
        await Service.PutAsync("alice", "key", ApiKey("key-4f1a") with { ExpiresAt = _harness.Clock.GetUtcNow().AddMinutes(10) }, Ct);
        Assert.NotNull(await Service.AcquireAsync("alice", "key", Ct));

        _harness.Clock.Advance(TimeSpan.FromMinutes(11));

        var expired = await Assert.ThrowsAsync<ConnectionUnusableException>(() => Service.AcquireAsync("alice", "key", Ct));
        Assert.Contains("expired", expired.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Expired, (await Service.GetAsync("alice", "key", Ct))!.StatusAt(_harness.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Put_RefusesWhatBreaksTheRules_BeforeStoringAnything()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Service.PutAsync("alice", "1starts-with-a-digit", ApiKey("k"), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.PutAsync("alice", "x", new ConnectionDefinition { Type = ConnectionType.Basic, Secret = new ConnectionSecret { Username = "u" } }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.PutAsync("alice", "x", new ConnectionDefinition { Type = ConnectionType.OAuth2, Secret = new ConnectionSecret { RefreshToken = "r" } }, Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Service.PutAsync("alice", "x", ApiKey("k") with { ExpiresAt = _harness.Clock.GetUtcNow().AddSeconds(-1) }, Ct));

        Assert.Equal(0, _harness.Secrets.Writes);
    }

    [Fact]
    public async Task Delete_SoftDeletesTheSecrets_AndTheNameCanBeUsedAgain()
    {
        var first = await Service.PutAsync("alice", "key", ApiKey("key-one"), Ct);

        Assert.True(await Service.DeleteAsync("alice", "key", Ct));
        Assert.False(await Service.DeleteAsync("alice", "key", Ct));
        Assert.Null(await _harness.Local.GetAsync(first.SecretName, first.SecretVersion, Ct));
        await Assert.ThrowsAsync<ConnectionUnusableException>(() => Service.AcquireAsync("alice", "key", Ct));

        await Service.PutAsync("alice", "key", ApiKey("key-two"), Ct);
        Assert.Equal("key-two", (await Service.AcquireAsync("alice", "key", Ct)).Headers[0].Value);
    }

    [Fact]
    public async Task Put_Again_ReplacesTheCredential_AndDisablesTheOldVersion()
    {
        var first = await Service.PutAsync("alice", "key", ApiKey("key-one"), Ct);
        var second = await Service.PutAsync("alice", "key", ApiKey("key-two"), Ct);

        Assert.Equal(first.CreatedAt, second.CreatedAt);
        Assert.Equal("key-two", (await Service.AcquireAsync("alice", "key", Ct)).Headers[0].Value);
        var refused = await Assert.ThrowsAsync<SecretStoreException>(() => _harness.Local.GetAsync(first.SecretName, first.SecretVersion, Ct));
        Assert.Equal(SecretStoreError.Disabled, refused.Error);
    }

    [Fact]
    public async Task Cache_ServesUsesWithoutTheStore_AndAnOldEntryWhileTheStoreIsDown_ButNotPastItsLimit()
    {
        await Service.PutAsync("alice", "key", ApiKey("key-4f1a"), Ct);
        await Service.AcquireAsync("alice", "key", Ct);
        var reads = _harness.Secrets.Reads;

        await Service.AcquireAsync("alice", "key", Ct);
        Assert.Equal(reads, _harness.Secrets.Reads);

        _harness.Clock.Advance(Service.Options.CacheTimeToLive + TimeSpan.FromSeconds(1));
        _harness.Secrets.Unreachable = true;
        Assert.Equal("key-4f1a", (await Service.AcquireAsync("alice", "key", Ct)).Headers[0].Value);
        Assert.Equal(reads + 1, _harness.Secrets.Reads);

        _harness.Clock.Advance(Service.Options.CacheMaxStale);
        var down = await Assert.ThrowsAsync<ConnectionUnavailableException>(() => Service.AcquireAsync("alice", "key", Ct));
        Assert.Contains("could not be read", down.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_IsBounded_LeastRecentlyUsedFirst()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await Service.PutAsync("alice", name, ApiKey("key-" + name), Ct);
            await Service.AcquireAsync("alice", name, Ct);
        }

        var reads = _harness.Secrets.Reads;
        await Service.AcquireAsync("alice", "c", Ct);
        await Service.AcquireAsync("alice", "b", Ct);
        Assert.Equal(reads, _harness.Secrets.Reads);

        await Service.AcquireAsync("alice", "a", Ct);
        Assert.Equal(reads + 1, _harness.Secrets.Reads);
    }

    [Fact]
    public async Task LastUsedAt_IsRecordedAtMostOncePerResolution()
    {
        await Service.PutAsync("alice", "key", ApiKey("key-4f1a"), Ct);
        Assert.Null((await Service.GetAsync("alice", "key", Ct))!.LastUsedAt);
        var first = _harness.Clock.GetUtcNow();

        await Service.AcquireAsync("alice", "key", Ct);
        _harness.Clock.Advance(TimeSpan.FromSeconds(30));
        await Service.AcquireAsync("alice", "key", Ct);
        Assert.Equal(first, (await Service.GetAsync("alice", "key", Ct))!.LastUsedAt);

        _harness.Clock.Advance(TimeSpan.FromSeconds(31));
        await Service.AcquireAsync("alice", "key", Ct);
        Assert.Equal(_harness.Clock.GetUtcNow(), (await Service.GetAsync("alice", "key", Ct))!.LastUsedAt);
    }

    [Fact]
    public void SecretNames_AreValidForKeyVault_DeterministicAndDistinct()
    {
        var names = new[]
        {
            ConnectionNames.SecretName("hub", "alice", "crm", ConnectionSecretPart.Credential),
            ConnectionNames.SecretName("hub", "alice", "crm", ConnectionSecretPart.ClientSecret),
            ConnectionNames.SecretName("hub", "alice", "crm2", ConnectionSecretPart.Credential),
            ConnectionNames.SecretName("hub", "alicec", "rm", ConnectionSecretPart.Credential),
            ConnectionNames.SecretName("hub2", "alice", "crm", ConnectionSecretPart.Credential),
            ConnectionNames.SecretName("hub", "bob@example.com", "crm", ConnectionSecretPart.Credential),
        };

        Assert.All(names, name => Assert.True(SecretNames.IsValid(name), name));
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(names[0], ConnectionNames.SecretName("hub", "alice", "crm", ConnectionSecretPart.Credential));
        Assert.DoesNotContain("bob", names[5], StringComparison.Ordinal);
    }

    private static ConnectionDefinition ApiKey(string key) =>
        new() { Type = ConnectionType.ApiKey, Secret = new ConnectionSecret { ApiKey = key }, Header = "X-Billing-Key" };
}
