using System.Globalization;
using System.Text.Json;
using Azure;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Blobs;
using FunctionsFlow.Storage.Codec;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Workflows.Suspension;

/// <summary>Suspension keys in the task hub's <c>{hub}Suspensions</c> table: a key row per key (found by the key's
/// hash) with its audit rows in the same partition, and a wait row per open wait (by instance and step) that points
/// to its current key. The suspension secret comes from configuration or, failing that, from a blob made once.</summary>
public sealed class SuspensionStore
{
    /// <summary>The largest resume payload kept with a used key so that a delivery a crash interrupted can be repeated.</summary>
    public const int MaxKeptPayloadChars = 30_000;

    private const string KeyRow = "key";
    private const string SecretBlob = "suspension-secret";

    private readonly TableClient _table;
    private readonly BlobContainerClient _container;
    private readonly TimeProvider _time;
    private readonly byte[]? _configuredSecret;
    private byte[]? _secret;
    private readonly StateCodec? _codec;

    /// <summary>Creates the store for <paramref name="taskHubName"/>.</summary>
    /// <param name="factory">The storage account's clients.</param>
    /// <param name="taskHubName">The task hub.</param>
    /// <param name="time">The clock.</param>
    /// <param name="secret">The suspension secret (at least 32 bytes), or null to keep one in the task hub's storage.</param>
    /// <param name="codec">Encrypts the resume payloads kept until delivery, when it encrypts.</param>
    public SuspensionStore(StorageClientFactory factory, string taskHubName, TimeProvider time, byte[]? secret = null, StateCodec? codec = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        if (secret is { Length: < SuspensionKeys.Length })
        {
            throw new ArgumentException($"The suspension secret must be at least {SuspensionKeys.Length} bytes.", nameof(secret));
        }

        _table = factory.GetTableClient(taskHubName + "Suspensions");
        _container = factory.GetBlobContainerClient(taskHubName.ToLowerInvariant() + "-suspension");
        _time = time;
        _configuredSecret = secret;
        _codec = codec;
    }

    /// <summary>Creates the table and container unless they exist.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(_table.CreateIfNotExistsAsync(cancellationToken), _container.CreateIfNotExistsAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>Deletes the table and container (tests).</summary>
    public async Task DeleteStorageAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(_table.DeleteAsync(cancellationToken), _container.DeleteAsync(cancellationToken)).ConfigureAwait(false);

    /// <summary>Opens a wait with a new key (revoking the wait's previous key, if any). Returns the key's hash.</summary>
    public async Task<string> IssueAsync(SuspensionWait wait, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wait);
        var previous = await _table.GetEntityIfExistsAsync(WaitPartition(wait.InstanceId), wait.StepId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (previous?.GetString("KeyHash") is { } oldHash && previous.GetString("ExecutionId") == wait.ExecutionId &&
            await FindAsync(oldHash, cancellationToken).ConfigureAwait(false) is { State: SuspensionKeyState.Waiting })
        {
            // The activity ran again (at least once): keep the key already issued.
            return oldHash;
        }

        var nonce = SuspensionKeys.NewNonce();
        var key = SuspensionKeys.Derive(await SecretAsync(cancellationToken).ConfigureAwait(false), nonce, wait.InstanceId, wait.ExecutionId, wait.StepId);
        var hash = SuspensionKeys.HashOf(key);
        var now = _time.GetUtcNow();
        var row = new TableEntity(hash, KeyRow)
        {
            ["InstanceId"] = wait.InstanceId,
            ["ExecutionId"] = wait.ExecutionId,
            ["StepId"] = wait.StepId,
            ["Name"] = wait.Name,
            ["Owner"] = wait.Owner,
            ["State"] = nameof(SuspensionKeyState.Waiting),
            ["CreatedAt"] = now,
            ["Delivered"] = false,
        };
        if (wait.ExpiresAt is { } expires)
        {
            row["ExpiresAt"] = expires;
        }

        if (wait.Schema is { } schema)
        {
            row["Schema"] = schema.GetRawText();
        }

        await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        await _table.UpsertEntityAsync(
            new TableEntity(WaitPartition(wait.InstanceId), wait.StepId)
            {
                ["KeyHash"] = hash,
                ["Nonce"] = Convert.ToBase64String(nonce),
                ["ExecutionId"] = wait.ExecutionId,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
        if (previous?.GetString("KeyHash") is { } replaced)
        {
            await SetStateAsync(replaced, SuspensionKeyState.Revoked, onlyIfWaiting: true, cancellationToken).ConfigureAwait(false);
        }

        return hash;
    }

    /// <summary>The key of an open wait, for its owner's resume link; null when the wait has no usable key.</summary>
    public async Task<string?> GetKeyAsync(string instanceId, string stepId, CancellationToken cancellationToken = default)
    {
        var wait = await _table.GetEntityIfExistsAsync(WaitPartition(instanceId), stepId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (wait?.GetString("KeyHash") is not { } hash || wait.GetString("Nonce") is not { } nonce ||
            await FindAsync(hash, cancellationToken).ConfigureAwait(false) is not { } record || !record.IsUsable(_time.GetUtcNow()))
        {
            return null;
        }

        var key = SuspensionKeys.Derive(await SecretAsync(cancellationToken).ConfigureAwait(false), Convert.FromBase64String(nonce), instanceId, record.Wait.ExecutionId, stepId);
        return SuspensionKeys.Encode(key);
    }

    /// <summary>A key's record by its hash, or null.</summary>
    public async Task<SuspensionKeyRecord?> FindAsync(string hash, CancellationToken cancellationToken = default)
    {
        var row = await _table.GetEntityIfExistsAsync(hash, KeyRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            return null;
        }

        var wait = new SuspensionWait(
            row.GetString("InstanceId")!,
            row.GetString("ExecutionId")!,
            row.GetString("StepId")!,
            row.GetString("Name")!,
            row.GetString("Owner")!,
            row.GetDateTimeOffset("ExpiresAt"),
            row.GetString("Schema") is { } schema ? JsonDocument.Parse(schema).RootElement.Clone() : null);
        return new SuspensionKeyRecord(
            hash,
            wait,
            Enum.Parse<SuspensionKeyState>(row.GetString("State")!),
            row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
            row.GetDateTimeOffset("UsedAt"),
            row.GetBoolean("Delivered") ?? false,
            row.GetString("Payload") is { Length: > 0 } kept && _codec is not null ? _codec.UnprotectText(kept, PayloadContext(hash)) : row.GetString("Payload"),
            row.ETag.ToString());
    }

    /// <summary>Uses a key: true for exactly one of any number of concurrent callers (a conditional update); the
    /// payload is kept (when small) until <see cref="MarkDeliveredAsync"/>.</summary>
    public async Task<bool> TryClaimAsync(SuspensionKeyRecord record, string? payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var update = new TableEntity(record.Hash, KeyRow)
        {
            ["State"] = nameof(SuspensionKeyState.Used),
            ["UsedAt"] = _time.GetUtcNow(),
            ["Delivered"] = false,
        };
        var kept = payload is null || _codec is null ? payload : _codec.ProtectText(payload, PayloadContext(record.Hash));
        if (kept is { Length: <= MaxKeptPayloadChars })
        {
            update["Payload"] = kept;
        }

        try
        {
            await _table.UpdateEntityAsync(update, new ETag(record.ETag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return false;
        }
    }

    private static CodecContext PayloadContext(string hash) => new(hash, "resume-payload");

    /// <summary>Notes that a used key's payload reached its execution (and forgets the payload).</summary>
    public async Task MarkDeliveredAsync(string hash, CancellationToken cancellationToken = default) =>
        await _table.UpsertEntityAsync(new TableEntity(hash, KeyRow) { ["Delivered"] = true, ["Payload"] = string.Empty }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

    /// <summary>Closes a wait's key: expired when it timed out or ended without input (a used key stays used).</summary>
    public async Task CloseAsync(string instanceId, string stepId, CancellationToken cancellationToken = default)
    {
        var wait = await _table.GetEntityIfExistsAsync(WaitPartition(instanceId), stepId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (wait?.GetString("KeyHash") is { } hash)
        {
            await SetStateAsync(hash, SuspensionKeyState.Expired, onlyIfWaiting: true, cancellationToken).ConfigureAwait(false);
            await _table.DeleteEntityAsync(WaitPartition(instanceId), stepId, wait.ETag, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Revokes the key of an open wait; false when there was none to revoke.</summary>
    public async Task<bool> RevokeAsync(string instanceId, string stepId, CancellationToken cancellationToken = default)
    {
        var wait = await _table.GetEntityIfExistsAsync(WaitPartition(instanceId), stepId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return wait?.GetString("KeyHash") is { } hash && await SetStateAsync(hash, SuspensionKeyState.Revoked, onlyIfWaiting: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the key of an open wait with a new one (the old one answers 410 from now on). Null when the
    /// wait has no usable key.</summary>
    public async Task<string?> RotateAsync(string instanceId, string stepId, CancellationToken cancellationToken = default)
    {
        var wait = await _table.GetEntityIfExistsAsync(WaitPartition(instanceId), stepId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (wait?.GetString("KeyHash") is not { } hash || await FindAsync(hash, cancellationToken).ConfigureAwait(false) is not { } record || !record.IsUsable(_time.GetUtcNow()))
        {
            return null;
        }

        if (!await SetStateAsync(hash, SuspensionKeyState.Revoked, onlyIfWaiting: true, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        await IssueAsync(record.Wait, cancellationToken).ConfigureAwait(false);
        return await GetKeyAsync(instanceId, stepId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an attempt to a key's audit trail.</summary>
    public async Task AuditAsync(string hash, SuspensionAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var rowKey = string.Create(CultureInfo.InvariantCulture, $"audit_{attempt.At.UtcTicks:D19}_{Guid.NewGuid():N}");
        var row = new TableEntity(hash, rowKey) { ["At"] = attempt.At, ["Outcome"] = attempt.Outcome };
        if (attempt.Address is { } address)
        {
            row["Address"] = address;
        }

        await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A key's audit trail, oldest first.</summary>
    public async Task<IReadOnlyList<SuspensionAttempt>> GetAuditAsync(string hash, CancellationToken cancellationToken = default)
    {
        var attempts = new List<SuspensionAttempt>();
        var filter = TableFilter.And(TableFilter.PartitionKeyEquals(hash), TableFilter.RowKeyStartsWith("audit_"));
        await foreach (var row in _table.QueryAllAsync(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new SuspensionAttempt(row.GetDateTimeOffset("At") ?? default, row.GetString("Outcome") ?? "?", row.GetString("Address")));
        }

        return attempts;
    }

    /// <summary>Used keys whose input was kept but not yet marked delivered, used at least <paramref name="age"/> ago:
    /// a process died between using the key and sending the input (or before noting that it had).</summary>
    public async Task<IReadOnlyList<SuspensionKeyRecord>> FindUndeliveredAsync(TimeSpan age, CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - age;
        var found = new List<SuspensionKeyRecord>();
        var filter = TableFilter.And(TableFilter.Equal("RowKey", KeyRow), TableFilter.Equal("Delivered", false));
        await foreach (var row in _table.QueryAllAsync(filter, ["PartitionKey"], cancellationToken).ConfigureAwait(false))
        {
            if (await FindAsync(row.PartitionKey, cancellationToken).ConfigureAwait(false) is { State: SuspensionKeyState.Used, Payload.Length: > 0, UsedAt: { } used } record && used <= cutoff)
            {
                found.Add(record);
            }
        }

        return found;
    }

    /// <summary>Removes keys that can no longer be used and are older than <paramref name="retention"/>: used, revoked
    /// and expired keys (counted from when they were used or made), and waiting keys whose wait timed out that long
    /// ago, each with its audit trail. Returns how many keys went.</summary>
    public async Task<int> PurgeAsync(TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var cutoff = _time.GetUtcNow() - retention;
        var removed = 0;
        var keys = new List<string>();
        await foreach (var row in _table.QueryAllAsync(TableFilter.Equal("RowKey", KeyRow), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var state = row.GetString("State");
            var since = state == nameof(SuspensionKeyState.Waiting)
                ? row.GetDateTimeOffset("ExpiresAt")
                : row.GetDateTimeOffset("UsedAt") ?? row.GetDateTimeOffset("CreatedAt");
            if (since is { } at && at < cutoff)
            {
                keys.Add(row.PartitionKey);
            }
        }

        foreach (var hash in keys)
        {
            await foreach (var row in _table.QueryAllAsync(TableFilter.PartitionKeyEquals(hash), ["PartitionKey", "RowKey"], cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException ex) when (ex.IsNotFound)
                {
                    // Another clean-up got there first.
                }
            }

            removed++;
        }

        return removed;
    }

    private async Task<bool> SetStateAsync(string hash, SuspensionKeyState state, bool onlyIfWaiting, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await FindAsync(hash, cancellationToken).ConfigureAwait(false) is not { } record || (onlyIfWaiting && record.State != SuspensionKeyState.Waiting))
            {
                return false;
            }

            try
            {
                await _table.UpdateEntityAsync(new TableEntity(hash, KeyRow) { ["State"] = state.ToString() }, new ETag(record.ETag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (StorageException ex) when (ex.IsPreconditionFailed)
            {
                // Someone else changed it: look again.
            }
        }
    }

    private async Task<byte[]> SecretAsync(CancellationToken cancellationToken)
    {
        if (_configuredSecret is not null)
        {
            return _configuredSecret;
        }

        if (_secret is not null)
        {
            return _secret;
        }

        try
        {
            await _container.UploadAsync(SecretBlob, BinaryData.FromBytes(SuspensionKeys.NewNonce()), new BlobUploadOptions { Conditions = BlobRequestConditions.CreateOnly }, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
        {
            // Another process made it first: use theirs.
        }

        var content = await _container.DownloadContentAsync(SecretBlob, cancellationToken).ConfigureAwait(false);
        return _secret = content.ToArray();
    }

    private static string WaitPartition(string instanceId) => "wait_" + instanceId;
}
