using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Testing;
using FunctionsFlow.Testing.Fakes;
using FunctionsFlow.Workflows.Connections;

namespace FunctionsFlow.Workflows.Tests.Connections;

/// <summary>OAuth 2.0 refresh against a token endpoint in the test (Kestrel): before expiry on the manual clock, one
/// refresh for many concurrent uses, and what a refused or failed refresh does.</summary>
public sealed class ConnectionRefreshTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ConnectionHarness _harness = null!;
    private FakeTokenEndpoint _endpoint = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _harness = await ConnectionHarness.CreateAsync(azurite);
        _endpoint = await FakeTokenEndpoint.StartAsync("crm");
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoint.DisposeAsync();
        _harness.Dispose();
    }

    [Fact]
    public async Task Acquire_RefreshesOnlyOnceWithinRefreshBeforeOfExpiry_StoringTheTokensAsANewVersion()
    {
        var put = await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint));

        Assert.Equal("Bearer crm-access-1", Authorization(await AcquireAsync()));
        _harness.Clock.Advance(TimeSpan.FromMinutes(54)); // 6 minutes left: not yet
        Assert.Equal("Bearer crm-access-1", Authorization(await AcquireAsync()));
        Assert.Empty(_endpoint.Requests);

        _harness.Clock.Advance(TimeSpan.FromMinutes(2)); // 4 minutes left: refresh before it expires
        var refreshed = await AcquireAsync();

        Assert.Equal("Bearer crm-access-2", Authorization(refreshed));
        var form = Assert.Single(_endpoint.Requests).Form;
        Assert.Equal(("refresh_token", "crm-refresh-1", "functionsflow-test", "client-secret-5e2a", "orders.read orders.write"),
            (form["grant_type"], form["refresh_token"], form["client_id"], form["client_secret"], form["scope"]));
        var stored = await _harness.Service.GetAsync("alice", "crm", Ct);
        Assert.NotEqual(put.SecretVersion, stored!.SecretVersion);
        Assert.Equal(refreshed.Version, stored.SecretVersion);
        Assert.Equal(_harness.Clock.GetUtcNow() + TimeSpan.FromHours(1), stored.ExpiresAt);
        Assert.Equal(ConnectionStatus.Active, stored.Status);
        Assert.Contains("crm-refresh-2", (await _harness.Local.GetAsync(stored.SecretName, stored.SecretVersion, Ct))!.Value, StringComparison.Ordinal);

        // The next refresh sends the rotated refresh token, and the version before the previous one is disabled.
        _harness.Clock.Advance(TimeSpan.FromMinutes(56));
        Assert.Equal("Bearer crm-access-3", Authorization(await AcquireAsync()));
        Assert.Equal("crm-refresh-2", _endpoint.Requests.Last().Form["refresh_token"]);
        var refused = await Assert.ThrowsAsync<SecretStoreException>(() => _harness.Local.GetAsync(put.SecretName, put.SecretVersion, Ct));
        Assert.Equal(SecretStoreError.Disabled, refused.Error);
        Assert.NotNull(await _harness.Local.GetAsync(stored.SecretName, stored.SecretVersion, Ct));
    }

    [Fact]
    public async Task Acquire_WithoutAnAccessToken_RefreshesAtFirstUse()
    {
        await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint), withAccessToken: false);

        Assert.Equal("Bearer crm-access-2", Authorization(await AcquireAsync()));
        Assert.Single(_endpoint.Requests);
    }

    [Fact]
    public async Task ConcurrentAcquires_OfADueConnection_CollapseIntoOneRefresh()
    {
        await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint), TimeSpan.FromMinutes(1));
        var writesBefore = _harness.Secrets.Writes;
        _endpoint.Hold();

        var uses = Enumerable.Range(0, 16).Select(_ => Task.Run(AcquireAsync, Ct)).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(_endpoint.Requests.Count == 1), "the refresh reaches the token endpoint");
        _endpoint.Release();
        var credentials = await Task.WhenAll(uses);

        Assert.All(credentials, c => Assert.Equal("Bearer crm-access-2", Authorization(c)));
        Assert.Single(_endpoint.Requests);
        Assert.Equal(1, _harness.Secrets.Writes - writesBefore);
        Assert.Single(credentials.Select(c => c.Version).Distinct());
    }

    [Fact]
    public async Task RefusedRefresh_MarksTheConnectionNeedsReauthorization_AndLaterUsesFailAtOnce()
    {
        await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint), TimeSpan.FromMinutes(1));
        _endpoint.AnswerNext(400, """{"error":"invalid_grant","error_description":"Token revoked by the user."}""");

        var refused = await Assert.ThrowsAsync<ConnectionUnusableException>(AcquireAsync);

        Assert.Contains("'crm' needs to be authorized again", refused.Message, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("crm-refresh-1", refused.Message, StringComparison.Ordinal);
        var stored = await _harness.Service.GetAsync("alice", "crm", Ct);
        Assert.Equal((ConnectionStatus.NeedsReauthorization, "invalid_grant"), (stored!.Status, stored.StatusReason));

        var again = await Assert.ThrowsAsync<ConnectionUnusableException>(AcquireAsync);
        Assert.Contains("refused to refresh it (invalid_grant)", again.Message, StringComparison.Ordinal);
        Assert.Single(_endpoint.Requests);

        // Authorizing again (a new put) makes it usable.
        await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint));
        Assert.Equal("Bearer crm-access-1", Authorization(await AcquireAsync()));
        Assert.Equal(ConnectionStatus.Active, (await _harness.Service.GetAsync("alice", "crm", Ct))!.Status);
    }

    [Fact]
    public async Task FailedRefresh_KeepsUsingTheTokenWhileItIsValid_ThenFailsRetryably()
    {
        await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint), TimeSpan.FromMinutes(3));
        _endpoint.AnswerNext(503, """{"error":"temporarily_unavailable"}""");

        Assert.Equal("Bearer crm-access-1", Authorization(await AcquireAsync()));
        Assert.Equal(ConnectionStatus.Active, (await _harness.Service.GetAsync("alice", "crm", Ct))!.Status);

        _harness.Clock.Advance(TimeSpan.FromMinutes(4));
        _endpoint.AnswerNext(500, "oops");
        var failed = await Assert.ThrowsAsync<ConnectionUnavailableException>(AcquireAsync);
        Assert.Contains("answered 500", failed.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Active, (await _harness.Service.GetAsync("alice", "crm", Ct))!.Status);

        Assert.Equal("Bearer crm-access-2", Authorization(await AcquireAsync()));
    }

    [Fact]
    public async Task RejectedToken_IsRefreshedAtOnce_AndASecondRejectionGivesNothingNewer()
    {
        await _harness.PutOAuthAsync("crm", FakeTokenEndpointInfo.Of(_endpoint));
        var first = await AcquireAsync();

        var newer = await _harness.Service.AcquireAfterRejectionAsync("alice", "crm", first, Ct);

        Assert.Equal("Bearer crm-access-2", Authorization(newer!));
        Assert.Single(_endpoint.Requests);

        // The first credential was rejected after the refresh: the newer one already is the answer, without a refresh.
        var same = await _harness.Service.AcquireAfterRejectionAsync("alice", "crm", first, Ct);
        Assert.Equal(newer!.Version, same!.Version);
        Assert.Single(_endpoint.Requests);
    }

    private Task<ConnectionCredential> AcquireAsync() => _harness.Service.AcquireAsync("alice", "crm", Ct);

    private static string Authorization(ConnectionCredential credential) => Assert.Single(credential.Headers, h => h.Key == "Authorization").Value;
}
