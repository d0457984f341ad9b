using System.Text.Json;
using Azure;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;

namespace FunctionsFlow.Host.Users;

/// <summary>Users' settings in the task hub's <c>{hub}Users</c> table: a <c>settings</c> row in each user's partition,
/// holding the settings as JSON.</summary>
internal sealed class UserSettingsStore(StorageClientFactory factory, string taskHubName, TimeProvider time)
{
    private const string SettingsRow = "settings";
    private const string SettingsColumn = "Settings";
    private const string UpdatedAtColumn = "UpdatedAt";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = factory.GetTableClient(taskHubName + "Users");

    /// <summary>Creates the table unless it exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The user's settings (the defaults when never saved), when they were saved, and their version.</summary>
    public async Task<StoredUserSettings> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        var entity = await _table.GetEntityIfExistsAsync(userId, SettingsRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        var settings = entity?.GetString(SettingsColumn) is { } json ? JsonSerializer.Deserialize<UserSettings>(json, Json) : null;
        return new StoredUserSettings(settings ?? UserSettings.Defaults, entity?.GetDateTimeOffset(UpdatedAtColumn), entity?.ETag);
    }

    /// <summary>Replaces the user's settings; with <paramref name="ifMatch"/>, only if they are still that version.</summary>
    /// <returns>The saved settings, or null when <paramref name="ifMatch"/> is not the stored version (or none is stored).</returns>
    public async Task<StoredUserSettings?> SaveAsync(string userId, UserSettings settings, ETag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var entity = new TableEntity(userId, SettingsRow)
        {
            [SettingsColumn] = JsonSerializer.Serialize(settings, Json),
            [UpdatedAtColumn] = now,
        };
        try
        {
            var etag = ifMatch is { } expected
                ? await _table.UpdateEntityAsync(entity, expected, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new StoredUserSettings(settings, now, etag);
        }
        catch (StorageException ex) when (ifMatch is not null && (ex.IsPreconditionFailed || ex.IsNotFound))
        {
            return null;
        }
    }
}

/// <summary>Settings as stored: the values, when they were saved (null for the defaults) and their version.</summary>
internal sealed record StoredUserSettings(UserSettings Settings, DateTimeOffset? UpdatedAt, ETag? ETag);
