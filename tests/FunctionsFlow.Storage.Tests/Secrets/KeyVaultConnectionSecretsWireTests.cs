using System.Text.Json;
using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Testing.Fakes;

namespace FunctionsFlow.Storage.Tests.Secrets;

/// <summary><see cref="KeyVaultSecretStore"/> over the real <c>SecretClient</c>, talking HTTPS to a fake of the Key Vault
/// secrets REST API: the challenge, request shapes, versions, paging, soft delete, recovery, 404s and 429s are real.</summary>
public sealed class KeyVaultConnectionSecretsWireTests : IAsyncLifetime
{
    private const string Name = "ffc-0123abcd-credential";
    private static readonly DateTimeOffset Expiry = new(2027, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private FakeKeyVault _vault = null!;
    private KeyVaultSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _vault = await FakeKeyVault.StartAsync();
        _store = new KeyVaultSecretStore(_vault.CreateClient(), options: new KeyVaultSecretStoreOptions { ThrottleDelay = TimeSpan.FromMilliseconds(5), RecoveryPollInterval = TimeSpan.FromMilliseconds(20) });
    }

    public async ValueTask DisposeAsync() => await _vault.DisposeAsync();

    [Fact]
    public async Task Set_AfterTheChallenge_SendsValueContentTypeTagsAndExpiry_AndGetReadsThatVersion()
    {
        var version = await _store.SetAsync(Name, Write("""{"accessToken":"tok-1"}"""), Ct);

        var requests = _vault.Requests.ToList();
        Assert.False(requests[0].Authorized);
        var put = Assert.Single(requests, r => r.Method == "PUT" && r.Authorized);
        Assert.Equal($"/secrets/{Name}", put.Path);
        Assert.False(string.IsNullOrEmpty(put.ApiVersion));
        using var body = JsonDocument.Parse(put.Body);
        Assert.Equal("""{"accessToken":"tok-1"}""", body.RootElement.GetProperty("value").GetString());
        Assert.Equal("application/json", body.RootElement.GetProperty("contentType").GetString());
        Assert.Equal("oauth2", body.RootElement.GetProperty("tags").GetProperty("connection-type").GetString());
        Assert.Equal(Expiry.ToUnixTimeSeconds(), body.RootElement.GetProperty("attributes").GetProperty("exp").GetInt64());
        var token = Assert.Single(_vault.Credential.Requests.DistinctBy(r => string.Join(' ', r.Scopes)));
        Assert.Equal([FakeKeyVault.Resource + "/.default"], token.Scopes);
        Assert.Equal(FakeKeyVault.TenantId, token.TenantId);

        var read = await _store.GetAsync(Name, version, Ct);

        Assert.NotNull(read);
        Assert.Equal((version, """{"accessToken":"tok-1"}""", "application/json", Expiry), (read.Version, read.Value, read.ContentType, read.ExpiresOn));
        Assert.Contains(_vault.Requests, r => r.Method == "GET" && r.Path == $"/secrets/{Name}/{version}");
        Assert.DoesNotContain("tok-1", read.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownSecretOrVersion_IsNull()
    {
        var version = await _store.SetAsync(Name, Write("v"), Ct);

        Assert.Null(await _store.GetAsync("ffc-nothing-here", version, Ct));
        Assert.Null(await _store.GetAsync(Name, "0123456789abcdef0123456789abcdef", Ct));
        Assert.Equal(2, _vault.Requests.Count(r => r.Method == "GET" && r.Authorized));
    }

    [Fact]
    public async Task EachSet_IsANewVersion_AndDisablingPagesThroughEveryVersion()
    {
        _vault.PageSize = 2;
        var versions = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            versions.Add(await _store.SetAsync(Name, Write($"value-{i}"), Ct));
        }

        Assert.Equal(5, versions.Distinct().Count());
        Assert.Equal("value-1", (await _store.GetAsync(Name, versions[1], Ct))!.Value);

        var disabled = await _store.DisableVersionsExceptAsync(Name, [versions[3], versions[4]], Ct);

        Assert.Equal(3, disabled);
        var lists = _vault.Requests.Where(r => r.Method == "GET" && r.Authorized && r.Path == $"/secrets/{Name}/versions").ToList();
        Assert.Equal(3, lists.Count);
        Assert.Equal(2, lists.Count(r => r.Query.Contains("$skiptoken", StringComparison.Ordinal)));
        Assert.Equal([false, false, false, true, true], _vault.VersionsOf(Name).Select(v => v.Enabled));
        Assert.All(_vault.Requests.Where(r => r.Method == "PATCH"), r => Assert.Contains("\"enabled\":false", r.Body, StringComparison.Ordinal));
        var refused = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(Name, versions[0], Ct));
        Assert.Equal((SecretStoreError.Disabled, 403), (refused.Error, refused.Status));
        Assert.Equal(0, await _store.DisableVersionsExceptAsync(Name, [versions[3], versions[4]], Ct));
        Assert.Equal(0, await _store.DisableVersionsExceptAsync("ffc-never-written", [], Ct));
    }

    [Fact]
    public async Task Delete_IsSoft_AndWritingTheNameAgainRecoversItFirst()
    {
        var first = await _store.SetAsync(Name, Write("before"), Ct);

        await _store.DeleteAsync(Name, Ct);

        Assert.Null(await _store.GetAsync(Name, first, Ct));
        Assert.All(_vault.VersionsOf(Name), v => Assert.True(v.Deleted));

        var second = await _store.SetAsync(Name, Write("after"), Ct);

        Assert.Equal("after", (await _store.GetAsync(Name, second, Ct))!.Value);
        Assert.Equal("before", (await _store.GetAsync(Name, first, Ct))!.Value);
        var writes = _vault.Requests.Where(r => r.Authorized && r.Method is "PUT" or "POST").Select(r => (r.Method, r.Path)).ToList();
        Assert.Equal([("PUT", $"/secrets/{Name}"), ("PUT", $"/secrets/{Name}"), ("POST", $"/deletedsecrets/{Name}/recover"), ("PUT", $"/secrets/{Name}")], writes);
        await _store.DeleteAsync("ffc-never-written", Ct);
    }

    [Fact]
    public async Task Throttling_IsRetriedByTheSdkThenBackedOffByTheStore_UntilTheVaultAnswers()
    {
        var version = await _store.SetAsync(Name, Write("v"), Ct);

        // Three 429s exhaust the SDK's attempts (1 + 2 retries); the store backs off and asks again.
        _vault.FailNext(5);
        var read = await _store.GetAsync(Name, version, Ct);

        Assert.Equal("v", read!.Value);
        Assert.Equal(6, _vault.Requests.Count(r => r.Method == "GET" && r.Authorized));
    }

    [Fact]
    public async Task Throttling_ThatNeverStops_AndServerErrors_FailWithoutTheValue()
    {
        _vault.FailNext(3 * 5);
        var throttled = await Assert.ThrowsAsync<SecretStoreException>(() => _store.SetAsync(Name, Write("do-not-show-me"), Ct));
        Assert.Equal((SecretStoreError.Throttled, 429, true), (throttled.Error, throttled.Status, throttled.IsTransient));
        Assert.Equal(15, _vault.Requests.Count(r => r.Method == "PUT" && r.Authorized));

        _vault.FailNext(3, status: 500, retryAfter: null);
        var failed = await Assert.ThrowsAsync<SecretStoreException>(() => _store.DeleteAsync(Name, Ct));
        Assert.Equal((SecretStoreError.Unavailable, 500), (failed.Error, failed.Status));
        Assert.DoesNotContain("do-not-show-me", throttled.ToString() + failed, StringComparison.Ordinal);
    }

    private static SecretWrite Write(string value) => new()
    {
        Value = value,
        ContentType = "application/json",
        ExpiresOn = Expiry,
        Tags = new Dictionary<string, string> { ["connection-type"] = "oauth2" },
    };
}
