using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Storage.Secrets;

/// <summary>The store for development, where no Key Vault is configured: versioned secrets in the task hub's
/// <c>{hub}Secrets</c> table (a partition per secret, a row per version), each value encrypted by the state codec
/// (AES-256-GCM, bound to its name and version). It behaves as the vault does: content type, tags and expiry kept,
/// deletes soft, disabled versions refused.</summary>
/// <remarks>The key is the task hub's state key when the codec given encrypts; otherwise a random key made once and
/// kept in the task hub's storage, which protects against a look at the table and nothing more: development only.</remarks>
public sealed class LocalSecretStore : ISecretStore
{
    private const string KeyBlob = "local-secret-store.key";
    private const string LocalKeyId = "local-secrets";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table;
    private readonly BlobContainerClient _keys;
    private readonly TimeProvider _time;
    private readonly StateCodec? _stateCodec;
    private StateCodec? _localCodec;

    /// <summary>Creates the store for <paramref name="taskHubName"/>.</summary>
    /// <param name="factory">The storage account's clients.</param>
    /// <param name="taskHubName">The task hub.</param>
    /// <param name="time">The clock expiries are checked against.</param>
    /// <param name="codec">The task hub's codec: used when it encrypts; otherwise a local key is kept in storage.</param>
    public LocalSecretStore(StorageClientFactory factory, string taskHubName, TimeProvider? time = null, StateCodec? codec = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        _table = factory.GetTableClient(taskHubName + "Secrets");
        _keys = factory.GetBlobContainerClient(taskHubName.ToLowerInvariant() + "-secrets");
        _time = time ?? TimeProvider.System;
        _stateCodec = codec is { Encrypts: true } ? codec : null;
    }

    /// <inheritdoc />
    public string Description => _stateCodec is null
        ? $"the local encrypted store (table {_table.Name}, with a key kept in container {_keys.Name}: for development only)"
        : $"the local encrypted store (table {_table.Name}, with the task hub's state encryption key)";

    /// <summary>Creates the table (and the key's container) unless they exist.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        if (_stateCodec is null)
        {
            await _keys.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<string> SetAsync(string name, SecretWrite secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        SecretNames.Validate(name, secret);

        // As the vault does: a write to a soft-deleted secret recovers it (its old versions come back too).
        await MarkAsync(name, row => row.GetBoolean("Deleted") == true, "Deleted", false, cancellationToken).ConfigureAwait(false);

        var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var codec = await CodecAsync(cancellationToken).ConfigureAwait(false);
        var plaintext = Encoding.UTF8.GetBytes(secret.Value);
        try
        {
            await _table.AddEntityAsync(
                new TableEntity(name, version)
                {
                    ["Value"] = codec.Encode(plaintext, Context(name, version)),
                    ["ContentType"] = secret.ContentType,
                    ["ExpiresOn"] = secret.ExpiresOn,
                    ["Tags"] = JsonSerializer.Serialize(secret.Tags, Json),
                    ["Enabled"] = true,
                    ["Deleted"] = false,
                    ["CreatedOn"] = _time.GetUtcNow(),
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }

        return version;
    }

    /// <inheritdoc />
    public async Task<StoredSecret?> GetAsync(string name, string version, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentException.ThrowIfNullOrEmpty(version);
        if (!SecretNames.IsValid(version))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(name, version, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null || row.GetBoolean("Deleted") == true)
        {
            return null;
        }

        if (row.GetBoolean("Enabled") == false)
        {
            throw new SecretStoreException(SecretStoreError.Disabled, $"Version {version} of secret '{name}' is disabled.", 403);
        }

        // As the vault does, an expired version still reads: whether a credential may still be used is its owner's call.
        var expires = row.GetDateTimeOffset("ExpiresOn");
        var codec = await CodecAsync(cancellationToken).ConfigureAwait(false);
        var plaintext = codec.Decode(row.GetBinary("Value"), Context(name, version));
        try
        {
            return new StoredSecret { Name = name, Version = version, Value = Encoding.UTF8.GetString(plaintext), ContentType = row.GetString("ContentType"), ExpiresOn = expires };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        return MarkAsync(name, row => row.GetBoolean("Deleted") != true, "Deleted", true, cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> DisableVersionsExceptAsync(string name, IReadOnlyCollection<string> keep, CancellationToken cancellationToken = default)
    {
        SecretNames.Validate(name);
        ArgumentNullException.ThrowIfNull(keep);
        return MarkAsync(name, row => row.GetBoolean("Enabled") == true && !keep.Contains(row.RowKey, StringComparer.Ordinal), "Enabled", false, cancellationToken);
    }

    /// <summary>Sets a flag on every version of a secret that <paramref name="select"/> picks; returns how many.</summary>
    private async Task<int> MarkAsync(string name, Func<TableEntity, bool> select, string flag, bool value, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAllAsync(TableFilter.PartitionKeyEquals(name), ["Enabled", "Deleted"], cancellationToken).ConfigureAwait(false))
        {
            if (select(row))
            {
                rows.Add(row);
            }
        }

        foreach (var chunk in rows.Chunk(TableClient.MaxTransactionActions))
        {
            var actions = chunk.Select(row => TableTransactionAction.Update(new TableEntity(name, row.RowKey) { [flag] = value }, ETag.All, TableUpdateMode.Merge));
            await _table.SubmitTransactionAsync([.. actions], cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }

    /// <summary>The task hub's codec when it encrypts; else one over the local key (made once, shared by every process;
    /// two processes that race to make it both end up with the one stored first).</summary>
    private async ValueTask<StateCodec> CodecAsync(CancellationToken cancellationToken)
    {
        if ((_stateCodec ?? _localCodec) is { } ready)
        {
            return ready;
        }

        try
        {
            await _keys.UploadAsync(KeyBlob, BinaryData.FromBytes(RandomNumberGenerator.GetBytes(CodecKey.KeySize)), new BlobUploadOptions { Conditions = BlobRequestConditions.CreateOnly }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
        {
            // Another process made it first: use theirs.
        }

        var key = (await _keys.DownloadContentAsync(KeyBlob, cancellationToken).ConfigureAwait(false)).ToArray();
        try
        {
            return _localCodec = new StateCodec(new StateCodecOptions { KeyProvider = new StaticCodecKeyProvider([new CodecKey(LocalKeyId, key)], LocalKeyId) });
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static CodecContext Context(string name, string version) => new(name + "/" + version, CodecPurposes.ConnectionSecret);
}
