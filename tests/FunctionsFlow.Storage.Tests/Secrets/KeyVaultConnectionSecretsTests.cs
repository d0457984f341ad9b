using Azure;
using Azure.Identity;
using Azure.Security.KeyVault.Secrets;
using FunctionsFlow.Storage.Secrets;
using Moq;

namespace FunctionsFlow.Storage.Tests.Secrets;

/// <summary><see cref="KeyVaultSecretStore"/> against a mocked <see cref="SecretClient"/>: every call it makes, and every
/// failure and throttling path, without a vault.</summary>
public sealed class KeyVaultConnectionSecretsTests
{
    private const string Name = "ffc-abc-credential";
    private const string Value = "super-secret-value";
    private static readonly Uri Vault = new("https://unit-test.vault.azure.net/");
    private static readonly DateTimeOffset Expiry = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Mock<SecretClient> _client = new(MockBehavior.Strict);
    private readonly RecordingDelays _delays = new();
    private readonly KeyVaultSecretStore _store;

    public KeyVaultConnectionSecretsTests()
    {
        _client.Setup(c => c.VaultUri).Returns(Vault);
        _store = new KeyVaultSecretStore(_client.Object, _delays, new KeyVaultSecretStoreOptions { MaxThrottleRetries = 3, ThrottleDelay = TimeSpan.FromSeconds(2), MaxThrottleDelay = TimeSpan.FromSeconds(5) });
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_WritesValueContentTypeTagsAndExpiry_AndReturnsTheNewVersion()
    {
        KeyVaultSecret? sent = null;
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .Callback((KeyVaultSecret secret, CancellationToken _) => sent = secret)
            .ReturnsAsync(Stored("v2"));

        var version = await _store.SetAsync(Name, Write(), Ct);

        Assert.Equal("v2", version);
        Assert.NotNull(sent);
        Assert.Equal((Name, Value, "application/json", Expiry), (sent.Name, sent.Value, sent.Properties.ContentType, sent.Properties.ExpiresOn));
        Assert.Equal("apiKey", sent.Properties.Tags["connection-type"]);
        Assert.Equal("Azure Key Vault https://unit-test.vault.azure.net/", _store.Description);
    }

    [Fact]
    public async Task Set_OnASoftDeletedName_RecoversItAndWritesAgain()
    {
        _client.SetupSequence(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TestResponse.Error(409, "Conflict", "ObjectIsDeletedButRecoverable"))
            .ReturnsAsync(Stored("v3"));
        var recovery = new Mock<RecoverDeletedSecretOperation>(MockBehavior.Strict);
        recovery.Setup(o => o.WaitForCompletionAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(Properties("v1"), new TestResponse(200)));
        _client.Setup(c => c.StartRecoverDeletedSecretAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(recovery.Object);

        Assert.Equal("v3", await _store.SetAsync(Name, Write(), Ct));

        _client.Verify(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
        recovery.VerifyAll();
    }

    [Fact]
    public async Task Set_ConflictThatIsNotADeletedSecret_FailsAsConflict()
    {
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(409, "Conflict"));
        _client.Setup(c => c.StartRecoverDeletedSecretAsync(Name, It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(404, "SecretNotFound"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.SetAsync(Name, Write(), Ct));

        Assert.Equal((SecretStoreError.Conflict, 409, false), (error.Error, error.Status, error.IsTransient));
        Assert.DoesNotContain(Value, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_InvalidNameOrValue_IsRefusedBeforeAnyCall()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SetAsync("has_underscore", Write(), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SetAsync(new string('a', 128), Write(), Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.SetAsync(Name, Write(new string('x', SecretNames.MaxValueBytes + 1)), Ct));
    }

    [Fact]
    public async Task Set_WhoseRecoveryNeverCompletes_GivesUpAfterTheRecoveryTimeout()
    {
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(409, "Conflict", "ObjectIsDeletedButRecoverable"));
        var recovery = new Mock<RecoverDeletedSecretOperation>(MockBehavior.Strict);
        recovery.Setup(o => o.WaitForCompletionAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Returns(async (TimeSpan _, CancellationToken ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return Response.FromValue(Properties("v1"), new TestResponse(200));
            });
        _client.Setup(c => c.StartRecoverDeletedSecretAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(recovery.Object);
        var store = new KeyVaultSecretStore(_client.Object, _delays, new KeyVaultSecretStoreOptions { RecoveryTimeout = TimeSpan.FromMilliseconds(50) });

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetAsync(Name, Write(), Ct));

        Assert.Equal(SecretStoreError.Unavailable, error.Error);
        Assert.Contains("was not recovered within", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_WhoseRecoveryIsThrottled_BacksOffAndRecovers()
    {
        _client.SetupSequence(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TestResponse.Error(409, "Conflict", "ObjectIsDeletedButRecoverable"))
            .ReturnsAsync(Stored("v5"));
        var recovery = new Mock<RecoverDeletedSecretOperation>();
        recovery.Setup(o => o.WaitForCompletionAsync(It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(Properties("v1"), new TestResponse(200)));
        _client.SetupSequence(c => c.StartRecoverDeletedSecretAsync(Name, It.IsAny<CancellationToken>()))
            .ThrowsAsync(TestResponse.Error(429, "Throttled", null, ("Retry-After", "1")))
            .ReturnsAsync(recovery.Object);

        Assert.Equal("v5", await _store.SetAsync(Name, Write(), Ct));
        Assert.Equal([TimeSpan.FromSeconds(1)], _delays.Delays);
    }

    [Fact]
    public async Task DisableVersionsExcept_WhenAnUpdateFails_Reports()
    {
        _client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(Name, It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<SecretProperties>.FromPages([Page<SecretProperties>.FromValues([Properties("v1")], null, new TestResponse(200))]));
        _client.Setup(c => c.UpdateSecretPropertiesAsync(It.IsAny<SecretProperties>(), It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(503, "ServiceUnavailable"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.DisableVersionsExceptAsync(Name, [], Ct));

        Assert.Equal((SecretStoreError.Unavailable, 503), (error.Error, error.Status));
        Assert.Contains("disable a version of", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ReadsTheVersion_AndUnknownIsNull()
    {
        _client.Setup(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>())).ReturnsAsync(Stored("v1"));
        _client.Setup(c => c.GetSecretAsync(Name, "v9", It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(404, "SecretNotFound"));

        var read = await _store.GetAsync(Name, "v1", Ct);

        Assert.Equal(("v1", Value, "application/json", Expiry), (read!.Version, read.Value, read.ContentType, read.ExpiresOn));
        Assert.Null(await _store.GetAsync(Name, "v9", Ct));
    }

    public static TheoryData<int, string, string?, SecretStoreError> Refusals { get; } = new()
    {
        { 403, "Forbidden", "SecretDisabled", SecretStoreError.Disabled },
        { 403, "Forbidden", "SecretExpired", SecretStoreError.Expired },
        { 403, "Forbidden", "ForbiddenByRbac", SecretStoreError.Forbidden },
        { 401, "Unauthorized", null, SecretStoreError.Forbidden },
        { 500, "InternalServerError", null, SecretStoreError.Unavailable },
        { 503, "ServiceUnavailable", null, SecretStoreError.Unavailable },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Get_Refused_IsTranslated_WithoutTheValue(int status, string code, string? innerCode, SecretStoreError expected)
    {
        _client.Setup(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(status, code, innerCode));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(Name, "v1", Ct));

        Assert.Equal((expected, status), (error.Error, error.Status));
        Assert.Contains(Name, error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
        Assert.Empty(_delays.Delays);
    }

    [Fact]
    public async Task Get_WhenTheCredentialFails_IsForbidden()
    {
        _client.Setup(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>())).ThrowsAsync(new CredentialUnavailableException("no managed identity endpoint"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(Name, "v1", Ct));

        Assert.Equal(SecretStoreError.Forbidden, error.Error);
        Assert.Contains("token for Key Vault", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_StartsTheSoftDelete_AndAMissingSecretIsNoError()
    {
        _client.Setup(c => c.StartDeleteSecretAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(Mock.Of<DeleteSecretOperation>());
        _client.Setup(c => c.StartDeleteSecretAsync("ffc-gone", It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(404, "SecretNotFound"));
        _client.Setup(c => c.StartDeleteSecretAsync("ffc-broken", It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(500, "InternalServerError"));

        await _store.DeleteAsync(Name, Ct);
        await _store.DeleteAsync("ffc-gone", Ct);
        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.DeleteAsync("ffc-broken", Ct));

        Assert.Equal(SecretStoreError.Unavailable, error.Error);
        _client.Verify(c => c.StartDeleteSecretAsync(Name, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task DisableVersionsExcept_ReadsEveryPage_AndDisablesOnlyEnabledOthers()
    {
        var pages = new[]
        {
            Page<SecretProperties>.FromValues([Properties("v1"), Properties("v2", enabled: false)], "next", new TestResponse(200)),
            Page<SecretProperties>.FromValues([Properties("v3"), Properties("v4")], null, new TestResponse(200)),
        };
        _client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(Name, It.IsAny<CancellationToken>())).Returns(AsyncPageable<SecretProperties>.FromPages(pages));
        var updated = new List<(string Version, bool? Enabled)>();
        _client.Setup(c => c.UpdateSecretPropertiesAsync(It.IsAny<SecretProperties>(), It.IsAny<CancellationToken>()))
            .Callback((SecretProperties p, CancellationToken _) => updated.Add((p.Version, p.Enabled)))
            .ReturnsAsync((SecretProperties p, CancellationToken _) => Response.FromValue(p, new TestResponse(200)));

        var disabled = await _store.DisableVersionsExceptAsync(Name, ["v4"], Ct);

        Assert.Equal(2, disabled);
        Assert.Equal([("v1", false), ("v3", false)], updated);
    }

    [Fact]
    public async Task DisableVersionsExcept_OfAMissingSecret_DisablesNothing()
    {
        _client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(Name, It.IsAny<CancellationToken>()))
            .Returns(AsyncPageable<SecretProperties>.FromPages(new ThrowingPages(TestResponse.Error(404, "SecretNotFound"))));

        Assert.Equal(0, await _store.DisableVersionsExceptAsync(Name, [], Ct));
    }

    [Fact]
    public async Task Throttled_BacksOffExponentially_AndSucceedsWhenTheVaultAnswers()
    {
        _client.SetupSequence(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(TestResponse.Error(429, "Throttled"))
            .ThrowsAsync(TestResponse.Error(429, "Throttled"))
            .ThrowsAsync(TestResponse.Error(429, "Throttled"))
            .ReturnsAsync(Stored("v1"));

        Assert.Equal(Value, (await _store.GetAsync(Name, "v1", Ct))!.Value);

        var delays = _delays.Delays.ToList();
        Assert.Equal(3, delays.Count);
        Assert.InRange(delays[0].TotalSeconds, 1.6, 2.4);
        Assert.InRange(delays[1].TotalSeconds, 3.2, 4.8);
        Assert.Equal(5, delays[2].TotalSeconds); // capped
    }

    [Fact]
    public async Task Throttled_WithRetryAfter_WaitsWhatTheVaultSays()
    {
        _client.SetupSequence(c => c.StartDeleteSecretAsync(Name, It.IsAny<CancellationToken>()))
            .ThrowsAsync(TestResponse.Error(429, "Throttled", null, ("Retry-After", "3")))
            .ThrowsAsync(TestResponse.Error(429, "Throttled", null, ("Retry-After", "120")))
            .ReturnsAsync(Mock.Of<DeleteSecretOperation>());

        await _store.DeleteAsync(Name, Ct);

        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(5)], _delays.Delays);
    }

    [Fact]
    public async Task Throttled_WithRetryAfterAsADate_WaitsUntilThen()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(4).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        _client.SetupSequence(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(TestResponse.Error(429, "Throttled", null, ("Retry-After", at)))
            .ReturnsAsync(Stored("v1"));

        await _store.GetAsync(Name, "v1", Ct);

        Assert.InRange(Assert.Single(_delays.Delays).TotalSeconds, 2.5, 5);
    }

    [Fact]
    public async Task Throttled_OnEveryAttempt_GivesUpAsThrottled()
    {
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(TestResponse.Error(429, "Throttled"));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.SetAsync(Name, Write(), Ct));

        Assert.Equal((SecretStoreError.Throttled, true), (error.Error, error.IsTransient));
        _client.Verify(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()), Times.Exactly(4));
        Assert.Equal(3, _delays.Delays.Count);
    }

    [Fact]
    public async Task Throttled_WhileListingVersions_ListsAgainFromTheStart()
    {
        var calls = 0;
        _client.Setup(c => c.GetPropertiesOfSecretVersionsAsync(Name, It.IsAny<CancellationToken>()))
            .Returns(() => ++calls == 1
                ? AsyncPageable<SecretProperties>.FromPages(new ThrowingPages(TestResponse.Error(429, "Throttled")))
                : AsyncPageable<SecretProperties>.FromPages([Page<SecretProperties>.FromValues([Properties("v1")], null, new TestResponse(200))]));
        _client.Setup(c => c.UpdateSecretPropertiesAsync(It.IsAny<SecretProperties>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((SecretProperties p, CancellationToken _) => Response.FromValue(p, new TestResponse(200)));

        Assert.Equal(1, await _store.DisableVersionsExceptAsync(Name, [], Ct));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Cancelled_DuringABackoff_StopsWithoutAnotherCall()
    {
        using var cancel = new CancellationTokenSource();
        _client.Setup(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>()))
            .Callback(cancel.Cancel)
            .ThrowsAsync(TestResponse.Error(429, "Throttled"));
        var store = new KeyVaultSecretStore(_client.Object, TimeProvider.System, new KeyVaultSecretStoreOptions { ThrottleDelay = TimeSpan.FromMinutes(1) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.GetAsync(Name, "v1", cancel.Token));

        _client.Verify(c => c.GetSecretAsync(Name, "v1", It.IsAny<CancellationToken>()), Times.Once);
    }

    private static SecretWrite Write(string value = Value) => new()
    {
        Value = value,
        ContentType = "application/json",
        ExpiresOn = Expiry,
        Tags = new Dictionary<string, string> { ["connection-type"] = "apiKey" },
    };

    private static SecretProperties Properties(string version, bool enabled = true)
    {
        var properties = SecretModelFactory.SecretProperties(new Uri(Vault, $"secrets/{Name}/{version}"), Vault, Name, version);
        properties.Enabled = enabled;
        properties.ContentType = "application/json";
        properties.ExpiresOn = Expiry;
        return properties;
    }

    private static Response<KeyVaultSecret> Stored(string version) =>
        Response.FromValue(SecretModelFactory.KeyVaultSecret(Properties(version), Value), new TestResponse(200));

    /// <summary>Pages whose enumeration fails, as a listing does when the vault refuses its first page.</summary>
    private sealed class ThrowingPages(Exception error) : IEnumerable<Page<SecretProperties>>
    {
        public IEnumerator<Page<SecretProperties>> GetEnumerator() => throw error;

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
