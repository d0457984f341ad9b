using System.Security.Cryptography;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Secrets;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Testing;

namespace FunctionsFlow.Storage.Tests.Secrets;

/// <summary>The local encrypted store on Azurite: versions, soft delete and recovery, disabled versions, and values that
/// are never stored in clear.</summary>
public sealed class LocalConnectionSecretsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Name = "ffc-local-credential";
    private const string Value = "local-secret-8c1d";

    private readonly string _hub = AzuriteFixture.NewName("hub");
    private LocalSecretStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = new LocalSecretStore(azurite.CreateFactory(), _hub);
        await _store.CreateIfNotExistsAsync(Ct);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Set_ThenGet_RoundTrips_AndNothingStoredHoldsTheValue()
    {
        var version = await _store.SetAsync(Name, Write(Value), Ct);

        var read = await _store.GetAsync(Name, version, Ct);

        Assert.Equal((version, Value, "text/plain"), (read!.Version, read.Value, read.ContentType));
        var stored = await azurite.CreateFactory().EverythingStoredAsync(_hub, Ct);
        Assert.Contains("text/plain", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, stored, StringComparison.Ordinal);
        Assert.Contains("local encrypted store", _store.Description, StringComparison.Ordinal);
        Assert.Null(await _store.GetAsync(Name, "0123456789abcdef0123456789abcdef", Ct));
        Assert.Null(await _store.GetAsync("ffc-nothing", version, Ct));
    }

    [Fact]
    public async Task AnotherProcess_ReadsWithTheSameKeptKey_AndAValueMovedToAnotherVersionDoesNotDecode()
    {
        var first = await _store.SetAsync(Name, Write(Value), Ct);
        var second = await _store.SetAsync(Name, Write("other"), Ct);
        var again = new LocalSecretStore(azurite.CreateFactory(), _hub);

        Assert.Equal(Value, (await again.GetAsync(Name, first, Ct))!.Value);

        var table = azurite.CreateFactory().GetTableClient(_hub + "Secrets");
        var row = await table.GetEntityAsync(Name, first, cancellationToken: Ct);
        await table.UpsertEntityAsync(new TableEntity(Name, second) { ["Value"] = row.GetBinary("Value")! }, TableUpdateMode.Merge, Ct);
        await Assert.ThrowsAsync<StateCodecException>(() => again.GetAsync(Name, second, Ct));
    }

    [Fact]
    public async Task WithTheTaskHubsEncryptingCodec_UsesItsKey_AndKeepsNoKeyOfItsOwn()
    {
        var codec = new StateCodec(new StateCodecOptions { KeyProvider = StaticCodecKeyProvider.FromBase64([new("k1", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))], "k1") });
        var hub = AzuriteFixture.NewName("hub");
        var store = new LocalSecretStore(azurite.CreateFactory(), hub, codec: codec);
        await store.CreateIfNotExistsAsync(Ct);

        var version = await store.SetAsync(Name, Write(Value), Ct);

        Assert.Equal(Value, (await store.GetAsync(Name, version, Ct))!.Value);
        Assert.Contains("state encryption key", store.Description, StringComparison.Ordinal);
        Assert.Empty(await azurite.CreateFactory().ListContainersAsync(hub.ToLowerInvariant(), Ct).ToListAsync(Ct));
    }

    [Fact]
    public async Task Delete_IsSoft_AndWritingAgainRecovers()
    {
        var first = await _store.SetAsync(Name, Write(Value), Ct);

        await _store.DeleteAsync(Name, Ct);
        await _store.DeleteAsync("ffc-never-written", Ct);

        Assert.Null(await _store.GetAsync(Name, first, Ct));
        var second = await _store.SetAsync(Name, Write("after"), Ct);
        Assert.Equal("after", (await _store.GetAsync(Name, second, Ct))!.Value);
        Assert.Equal(Value, (await _store.GetAsync(Name, first, Ct))!.Value);
    }

    [Fact]
    public async Task DisableVersionsExcept_RefusesTheOthers()
    {
        var versions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            versions.Add(await _store.SetAsync(Name, Write($"v{i}"), Ct));
        }

        Assert.Equal(2, await _store.DisableVersionsExceptAsync(Name, [versions[2]], Ct));
        Assert.Equal(0, await _store.DisableVersionsExceptAsync(Name, [versions[2]], Ct));

        var error = await Assert.ThrowsAsync<SecretStoreException>(() => _store.GetAsync(Name, versions[0], Ct));
        Assert.Equal(SecretStoreError.Disabled, error.Error);
        Assert.Equal("v2", (await _store.GetAsync(Name, versions[2], Ct))!.Value);
    }

    private static SecretWrite Write(string value) => new()
    {
        Value = value,
        ContentType = "text/plain",
        ExpiresOn = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Tags = new Dictionary<string, string> { ["connection-part"] = "credential" },
    };
}
