using System.Text.Json;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Host.Security.ApiKeys;

/// <summary>API keys in the task hub's <c>{hub}ApiKeys</c> table: one row per key, by its public id, holding the SHA-256
/// hash of the key and its metadata. The key itself is shown once, when it is made, and stored nowhere.</summary>
/// <remarks>Every authenticated request reads its key's row (no cache), so a revocation takes effect at once on every
/// instance. Revoked keys stay, marked, for the audit of who had access.</remarks>
internal sealed class ApiKeyStore(StorageClientFactory factory, string taskHubName, TimeProvider time)
{
    private const string Partition = "key";
    private const string HashColumn = "Hash";
    private const int MaxCreateAttempts = 3;

    private static readonly string[] MetadataColumns =
        [nameof(ApiKeyRecord.UserId), nameof(ApiKeyRecord.Roles), nameof(ApiKeyRecord.Name), nameof(ApiKeyRecord.CreatedAt),
         nameof(ApiKeyRecord.CreatedBy), nameof(ApiKeyRecord.ExpiresAt), nameof(ApiKeyRecord.RevokedAt)];

    private readonly TableClient _table = factory.GetTableClient(taskHubName + "ApiKeys");

    /// <summary>Creates the table unless it exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Makes a key for <paramref name="userId"/>; returns its metadata and the key, which nobody can read again.</summary>
    public async Task<(ApiKeyRecord Record, string Key)> CreateAsync(
        string userId, IReadOnlyList<string> roles, string? name, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (id, key) = ApiKeyFormat.Generate();
            var record = new ApiKeyRecord(id, userId, roles, name, time.GetUtcNow(), createdBy, expiresAt, RevokedAt: null);
            var entity = ToEntity(record);
            entity[HashColumn] = ApiKeyFormat.Hash(key);
            try
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return (record, key);
            }
            catch (StorageException ex) when (ex.IsConflict && attempt < MaxCreateAttempts)
            {
                // The id is taken (1 in 36^12), or a retried insert of ours landed: draw another.
            }
        }
    }

    /// <summary>The active key <paramref name="presented"/> is, or null (malformed, unknown, wrong secret, revoked,
    /// expired: all look the same).</summary>
    public async Task<ApiKeyRecord?> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.TryGetId(presented, out var id))
        {
            return null;
        }

        var entity = await _table.GetEntityIfExistsAsync(Partition, id, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (entity?.GetString(HashColumn) is not { } hash || !ApiKeyFormat.Matches(presented, hash))
        {
            return null;
        }

        var record = FromEntity(entity);
        return record.IsActiveAt(time.GetUtcNow()) ? record : null;
    }

    /// <summary>Every key's metadata, newest first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var records = new List<ApiKeyRecord>();
        await foreach (var entity in _table.QueryAllAsync(TableFilter.PartitionKeyEquals(Partition), MetadataColumns, cancellationToken).ConfigureAwait(false))
        {
            records.Add(FromEntity(entity));
        }

        return [.. records.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>One key's metadata, or null.</summary>
    public async Task<ApiKeyRecord?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        ApiKeyFormat.IsValidId(id) && await _table.GetEntityIfExistsAsync(Partition, id, MetadataColumns, cancellationToken).ConfigureAwait(false) is { } entity
            ? FromEntity(entity)
            : null;

    /// <summary>Revokes a key (again is fine); false when there is no such key.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ApiKeyFormat.IsValidId(id))
        {
            return false;
        }

        while (true)
        {
            var entity = await _table.GetEntityIfExistsAsync(Partition, id, [nameof(ApiKeyRecord.RevokedAt)], cancellationToken).ConfigureAwait(false);
            if (entity is null)
            {
                return false;
            }

            if (entity.GetDateTimeOffset(nameof(ApiKeyRecord.RevokedAt)) is not null)
            {
                return true;
            }

            var update = new TableEntity(Partition, id) { [nameof(ApiKeyRecord.RevokedAt)] = time.GetUtcNow() };
            try
            {
                await _table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StorageException ex) when (ex.IsPreconditionFailed)
            {
                // Changed since the read (a concurrent revoke): read again.
            }
        }
    }

    /// <summary>Deletes the table (tests).</summary>
    public async Task DeleteStorageAsync(CancellationToken cancellationToken = default) =>
        await _table.DeleteAsync(cancellationToken).ConfigureAwait(false);

    private static TableEntity ToEntity(ApiKeyRecord record)
    {
        var entity = new TableEntity(Partition, record.Id)
        {
            [nameof(ApiKeyRecord.UserId)] = record.UserId,
            [nameof(ApiKeyRecord.Roles)] = JsonSerializer.Serialize(record.Roles),
            [nameof(ApiKeyRecord.CreatedAt)] = record.CreatedAt,
            [nameof(ApiKeyRecord.CreatedBy)] = record.CreatedBy,
        };
        if (record.Name is not null)
        {
            entity[nameof(ApiKeyRecord.Name)] = record.Name;
        }

        if (record.ExpiresAt is { } expiresAt)
        {
            entity[nameof(ApiKeyRecord.ExpiresAt)] = expiresAt;
        }

        return entity;
    }

    private static ApiKeyRecord FromEntity(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString(nameof(ApiKeyRecord.UserId)) ?? string.Empty,
        JsonSerializer.Deserialize<string[]>(entity.GetString(nameof(ApiKeyRecord.Roles)) ?? "[]") ?? [],
        entity.GetString(nameof(ApiKeyRecord.Name)),
        entity.GetDateTimeOffset(nameof(ApiKeyRecord.CreatedAt)) ?? DateTimeOffset.MinValue,
        entity.GetString(nameof(ApiKeyRecord.CreatedBy)) ?? string.Empty,
        entity.GetDateTimeOffset(nameof(ApiKeyRecord.ExpiresAt)),
        entity.GetDateTimeOffset(nameof(ApiKeyRecord.RevokedAt)));
}
