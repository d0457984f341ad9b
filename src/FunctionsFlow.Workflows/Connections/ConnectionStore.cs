using System.Text.Json;
using Azure;
using FunctionsFlow.Storage;
using FunctionsFlow.Storage.Tables;
using FunctionsFlow.Workflows.Repository;

namespace FunctionsFlow.Workflows.Connections;

/// <summary>A page of an owner's connections.</summary>
public sealed record ConnectionPage(IReadOnlyList<Connection> Items, string? ContinuationToken);

/// <summary>Connections' metadata in the task hub's <c>{hub}Connections</c> table, a partition per owner and a row per
/// connection. No column holds a secret: only the names and versions of the secrets in the secret store.</summary>
public sealed class ConnectionStore
{
    private readonly TableClient _table;

    /// <summary>Creates the store for <paramref name="taskHubName"/>.</summary>
    public ConnectionStore(StorageClientFactory factory, string taskHubName)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentException.ThrowIfNullOrWhiteSpace(taskHubName);
        _table = factory.GetTableClient(taskHubName + "Connections");
    }

    /// <summary>Creates the table unless it exists.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>An owner's connection, or null.</summary>
    public async Task<Connection?> GetAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        if (!OwnerIds.IsValid(owner) || !ConnectionNames.IsValid(name))
        {
            return null;
        }

        var row = await _table.GetEntityIfExistsAsync(owner, name, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row is null ? null : FromEntity(row);
    }

    /// <summary>One page of an owner's connections, by name.</summary>
    /// <exception cref="ArgumentException">The continuation token was not issued by this listing.</exception>
    public async Task<ConnectionPage> ListAsync(string owner, int top = 100, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        if (!OwnerIds.IsValid(owner))
        {
            return new ConnectionPage([], null);
        }

        var page = await _table.QueryAsync(TableFilter.PartitionKeyEquals(owner), top, continuationToken: continuationToken, cancellationToken: cancellationToken).ConfigureAwait(false);
        return new ConnectionPage([.. page.Items.Select(FromEntity)], page.ContinuationToken);
    }

    /// <summary>Stores a connection, replacing any of that owner and name; returns it with its new version.</summary>
    public async Task<Connection> PutAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!OwnerIds.IsValid(connection.Owner))
        {
            throw new ArgumentException(OwnerIds.Rule, nameof(connection));
        }

        var etag = await _table.UpsertEntityAsync(ToEntity(connection), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return connection with { ETag = etag.ToString() };
    }

    /// <summary>Replaces a connection if it is still the version it was read at; null when it changed or went.</summary>
    public async Task<Connection?> TryReplaceAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var etag = await _table.UpdateEntityAsync(ToEntity(connection), new ETag(connection.ETag ?? throw new ArgumentException("A connection read from storage has an ETag.", nameof(connection))), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return connection with { ETag = etag.ToString() };
        }
        catch (StorageException ex) when (ex.IsPreconditionFailed || ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Records a use, whatever the row's version (other columns are left as they are); false when it is gone.</summary>
    public async Task<bool> TouchAsync(string owner, string name, DateTimeOffset usedAt, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(owner, name) { [nameof(Connection.LastUsedAt)] = usedAt }, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    /// <summary>Deletes an owner's connection; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string owner, string name, CancellationToken cancellationToken = default)
    {
        if (!OwnerIds.IsValid(owner) || !ConnectionNames.IsValid(name))
        {
            return false;
        }

        try
        {
            await _table.DeleteEntityAsync(owner, name, ETag.All, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Connection c)
    {
        var row = new TableEntity(c.Owner, c.Name)
        {
            [nameof(c.Type)] = c.Type.ToString(),
            [nameof(c.Scopes)] = JsonSerializer.Serialize(c.Scopes),
            [nameof(c.Status)] = c.Status.ToString(),
            [nameof(c.SecretName)] = c.SecretName,
            [nameof(c.SecretVersion)] = c.SecretVersion,
            [nameof(c.CanRefresh)] = c.CanRefresh,
            [nameof(c.CreatedAt)] = c.CreatedAt,
            [nameof(c.UpdatedAt)] = c.UpdatedAt,
        };
        Optional(row, nameof(c.ExpiresAt), c.ExpiresAt);
        Optional(row, nameof(c.LastUsedAt), c.LastUsedAt);
        Optional(row, nameof(c.StatusReason), c.StatusReason);
        Optional(row, nameof(c.ClientSecretName), c.ClientSecretName);
        Optional(row, nameof(c.ClientSecretVersion), c.ClientSecretVersion);
        Optional(row, nameof(c.TokenEndpoint), c.TokenEndpoint?.OriginalString);
        Optional(row, nameof(c.ClientId), c.ClientId);
        Optional(row, nameof(c.Header), c.Header);
        return row;
    }

    private static Connection FromEntity(TableEntity row) => new()
    {
        Owner = row.PartitionKey,
        Name = row.RowKey,
        Type = Enum.Parse<ConnectionType>(row.GetString(nameof(Connection.Type))!),
        Scopes = JsonSerializer.Deserialize<string[]>(row.GetString(nameof(Connection.Scopes)) ?? "[]") ?? [],
        ExpiresAt = row.GetDateTimeOffset(nameof(Connection.ExpiresAt)),
        LastUsedAt = row.GetDateTimeOffset(nameof(Connection.LastUsedAt)),
        Status = Enum.Parse<ConnectionStatus>(row.GetString(nameof(Connection.Status))!),
        StatusReason = row.GetString(nameof(Connection.StatusReason)),
        SecretName = row.GetString(nameof(Connection.SecretName))!,
        SecretVersion = row.GetString(nameof(Connection.SecretVersion))!,
        ClientSecretName = row.GetString(nameof(Connection.ClientSecretName)),
        ClientSecretVersion = row.GetString(nameof(Connection.ClientSecretVersion)),
        TokenEndpoint = row.GetString(nameof(Connection.TokenEndpoint)) is { } endpoint ? new Uri(endpoint) : null,
        ClientId = row.GetString(nameof(Connection.ClientId)),
        Header = row.GetString(nameof(Connection.Header)),
        CanRefresh = row.GetBoolean(nameof(Connection.CanRefresh)) ?? false,
        CreatedAt = row.GetDateTimeOffset(nameof(Connection.CreatedAt))!.Value,
        UpdatedAt = row.GetDateTimeOffset(nameof(Connection.UpdatedAt))!.Value,
        ETag = row.ETag.ToString(),
    };

    private static void Optional(TableEntity row, string name, object? value)
    {
        if (value is not null)
        {
            row[name] = value;
        }
    }
}
